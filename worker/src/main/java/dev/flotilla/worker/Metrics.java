package dev.flotilla.worker;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

/**
 * One Prometheus registry per process: Temporal's SDK metrics (through its Micrometer reporter) and
 * Flotilla's own meters, scraped together at {@code /metrics}.
 */
public final class Metrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Scope sdkScope =
      new RootScopeBuilder()
          .reporter(new MicrometerClientStatsReporter(registry))
          .reportEvery(com.uber.m3.util.Duration.ofSeconds(1));

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The connection options with the SDK's metrics going to this registry. */
  public WorkflowServiceStubsOptions instrument(WorkflowServiceStubsOptions options) {
    return WorkflowServiceStubsOptions.newBuilder(options).setMetricsScope(sdkScope).build();
  }

  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    try {
      sdkScope.close();
    } catch (com.uber.m3.tally.ScopeCloseException e) {
      // The last flush is lost; the registry closes anyway.
    }
    registry.close();
  }
}
