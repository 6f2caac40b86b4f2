package dev.flotilla.cli;

import dev.flotilla.common.Failures;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;

/** An open connection to a Temporal frontend: the service stubs and a client over them. */
public final class TemporalConnection implements AutoCloseable {
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final String address;

  private TemporalConnection(WorkflowServiceStubs stubs, WorkflowClient client, String address) {
    this.stubs = stubs;
    this.client = client;
    this.address = address;
  }

  /**
   * Connects and checks the server answers within a few seconds, so an unreachable server is one
   * clear line rather than a hang.
   */
  public static TemporalConnection open(
      WorkflowServiceStubsOptions serviceOptions, WorkflowClientOptions clientOptions) {
    String address = serviceOptions.getTarget();
    WorkflowServiceStubs stubs;
    try {
      stubs = WorkflowServiceStubs.newConnectedServiceStubs(serviceOptions, Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      throw CliFailure.unavailable(
          "cannot reach Temporal at "
              + address
              + " ("
              + Failures.rootMessage(e)
              + "); start one with './flotilla dev' or set --address / TEMPORAL_ADDRESS");
    }
    return new TemporalConnection(stubs, WorkflowClient.newInstance(stubs, clientOptions), address);
  }

  public WorkflowServiceStubs stubs() {
    return stubs;
  }

  public WorkflowClient client() {
    return client;
  }

  public String namespace() {
    return client.getOptions().getNamespace();
  }

  public String address() {
    return address;
  }

  @Override
  public void close() {
    stubs.shutdown();
    stubs.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
  }
}
