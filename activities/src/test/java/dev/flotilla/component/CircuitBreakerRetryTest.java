package dev.flotilla.component;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.audit.AuditActivitiesImpl;
import dev.flotilla.common.FlotillaSearchAttributes;
import dev.flotilla.common.WorkflowCatalog;
import dev.flotilla.events.SystemEvent;
import dev.flotilla.store.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker and Temporal's retries together, with time skipping: a component that fails
 * its health checks opens its breaker, later attempts fail fast with the breaker's remaining open
 * time as their next-retry delay, and the half-open probe after that wait finds it healthy. The
 * breakers run on the test server's clock, so skipped time is time for them too.
 */
class CircuitBreakerRetryTest {
  private static final String QUEUE = "component-breaker-test";

  private TestWorkflowEnvironment env;
  private DataSource db;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private ComponentBreakers breakers;

  /** A component whose first {@code failingProbes} health probes fail. */
  static final class ScriptedRuntime implements ComponentRuntime {
    final AtomicInteger probes = new AtomicInteger();
    final int failingProbes;

    ScriptedRuntime(int failingProbes) {
      this.failingProbes = failingProbes;
    }

    @Override
    public ComponentStatus ensure(ComponentManifest manifest) {
      return new ComponentStatus(
          manifest.name(),
          manifest.instances(),
          List.of(new InstanceStatus(0, 4242L, 8080, true, 0)),
          true);
    }

    @Override
    public ComponentStatus scale(String component, int instances) {
      throw ComponentRuntimeException.notDeployed(component);
    }

    @Override
    public ComponentStatus restart(String component, String key, boolean onlyUnhealthy) {
      return status(component);
    }

    @Override
    public ComponentStatus stop(String component) {
      return new ComponentStatus(component, 0, List.of(), true);
    }

    @Override
    public HealthReport probe(String component) {
      return probes.incrementAndGet() <= failingProbes
          ? new HealthReport(component, 1, 0, List.of("instance 0: connection refused"))
          : new HealthReport(component, 1, 1, List.of());
    }

    @Override
    public List<String> deployed() {
      return List.of("web");
    }

    @Override
    public ComponentStatus status(String component) {
      return new ComponentStatus(
          component, 1, List.of(new InstanceStatus(0, 4242L, 8080, true, 0)), false);
    }

    @Override
    public void close() {}
  }

  @BeforeEach
  void start() {
    db = TestDatabases.freshMigrated();
    env = TestWorkflowEnvironment.newInstance();
    FlotillaSearchAttributes.all()
        .forEach(
            key ->
                env.registerSearchAttribute(
                    key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    breakers =
        new ComponentBreakers(
            new ComponentBreakers.Settings(3, 50f, Duration.ofSeconds(30), Duration.ZERO),
            new Clock() {
              @Override
              public ZoneId getZone() {
                return ZoneOffset.UTC;
              }

              @Override
              public Clock withZone(ZoneId zone) {
                return this;
              }

              @Override
              public Instant instant() {
                return Instant.ofEpochMilli(env.currentTimeMillis());
              }
            },
            meters);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private ComponentResult deploy(ComponentRuntime runtime) {
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(ComponentOperationWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new ComponentActivitiesImpl(runtime, breakers),
        new ComponentRecordsImpl(db),
        new AuditActivitiesImpl(db));
    env.start();
    ComponentRequest request =
        new ComponentRequest(
            "web",
            ComponentOperation.DEPLOY,
            new ComponentManifest(
                "web", List.of("web-server"), null, null, 1, HealthCheck.http(8080, "/"), null),
            null,
            "deploy-1",
            "high",
            "alice",
            0);
    return env.getWorkflowClient()
        .newWorkflowStub(
            ComponentOperationWorkflow.class,
            WorkflowOptions.newBuilder(WorkflowCatalog.get("component").startOptions(request))
                .setTaskQueue(QUEUE)
                .build())
        .run(request);
  }

  @Test
  void anOpenBreakerFailsFastAndTemporalRetriesAfterItsOpenTimeUntilTheProbeSucceeds() {
    ScriptedRuntime runtime = new ScriptedRuntime(3);

    ComponentResult result = deploy(runtime);

    assertThat(result.succeeded()).isTrue();
    assertThat(result.automaticRestarts()).isZero();
    // deploy ok, probes 1-2 fail: 2 of 3 calls failed, the breaker opens. Attempt 3 fails fast;
    // after 30 s the half-open probe 3 fails and reopens it; attempt 5 fails fast; probe 4 passes.
    assertThat(runtime.probes.get()).isEqualTo(4);
    BreakerState state = breakers.states().get(0);
    assertThat(state.component()).isEqualTo("web");
    assertThat(state.state()).isEqualTo("CLOSED");
    assertThat(state.notPermittedCalls()).isEqualTo(2);
    assertThat(
            meters
                .get("flotilla_component_breaker_state")
                .tags("component", "web", "state", "CLOSED")
                .gauge()
                .value())
        .isEqualTo(1.0);

    List<HistoryEvent> history = env.getWorkflowClient().fetchHistory("component/web").getEvents();
    long healthScheduled = lastScheduled(history, "AwaitHealthy").getEventId();
    HistoryEvent healthStarted =
        history.stream()
            .filter(
                e ->
                    e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
                        && e.getActivityTaskStartedEventAttributes().getScheduledEventId()
                            == healthScheduled)
            .findFirst()
            .orElseThrow();
    assertThat(healthStarted.getActivityTaskStartedEventAttributes().getAttempt()).isEqualTo(6);
    // Temporal did the waiting: two open periods of 30 s passed in workflow time.
    Instant scheduled = timeOf(lastScheduled(history, "AwaitHealthy"));
    Instant completed =
        timeOf(
            history.stream()
                .filter(
                    e ->
                        e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
                            && e.getActivityTaskCompletedEventAttributes().getScheduledEventId()
                                == healthScheduled)
                .findFirst()
                .orElseThrow());
    assertThat(Duration.between(scheduled, completed))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(60));

    assertThat(
            TestDatabases.strings(
                db,
                "SELECT event_type FROM audit_events WHERE workflow_id = 'component/web' ORDER BY id"))
        .containsExactly(
            SystemEvent.WORKFLOW_QUEUED,
            SystemEvent.WORKFLOW_STARTED,
            SystemEvent.COMPONENT_OPERATION_SUCCESS,
            SystemEvent.WORKFLOW_COMPLETED);
    assertThat(
            TestDatabases.strings(
                db,
                "SELECT operation || ' ' || status || ' ' || priority || ' ' || requested_by"
                    + " FROM component_operations WHERE operation_id = 'deploy-1'"))
        .containsExactly("deploy SUCCEEDED high alice");
  }

  private static HistoryEvent lastScheduled(List<HistoryEvent> history, String type) {
    return history.stream()
        .filter(
            e ->
                e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
                    && e.getActivityTaskScheduledEventAttributes()
                        .getActivityType()
                        .getName()
                        .equals(type))
        .reduce((first, second) -> second)
        .orElseThrow();
  }

  private static Instant timeOf(HistoryEvent event) {
    return Instant.ofEpochSecond(
        event.getEventTime().getSeconds(), event.getEventTime().getNanos());
  }
}
