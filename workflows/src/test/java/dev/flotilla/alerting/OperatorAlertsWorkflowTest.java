package dev.flotilla.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.flotilla.FlotillaTestEnvironment;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.HistoryEventFilterType;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OperatorAlertsWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension workflows =
      FlotillaTestEnvironment.extension(OperatorAlertsWorkflowImpl.class).build();

  private static final String SCAN = "ScanEc2:optimization/aws:123456789012";

  /** An operation whose alerts every channel refuses. */
  private static final String REFUSED = "Refused:wf";

  /** Every alert the mocked channels were asked to deliver, in order. */
  private final BlockingQueue<Alert> delivered = new LinkedBlockingQueue<>();

  private AlertActivities channels;

  @BeforeEach
  void channelsThatDeliverAllButRefusedOnes(TestWorkflowEnvironment env, Worker worker) {
    channels = mock(AlertActivities.class, withSettings().withoutAnnotations());
    when(channels.deliver(any()))
        .thenAnswer(
            call -> {
              Alert alert = call.getArgument(0);
              delivered.add(alert);
              if (alert.operation().equals(REFUSED)) {
                throw ApplicationFailure.newNonRetryableFailure(
                    "slack refused the alert: HTTP 400", "AlertChannelRejected");
              }
              return new DeliveryReport(
                  alert.incidentId(),
                  List.of(new AlertDelivery("email", AlertDelivery.Status.DELIVERED, 1, null)));
            });
    worker.registerActivitiesImplementations(channels);
    env.start();
  }

  /**
   * Starts the one alerting workflow on the test worker's queue; the stub follows the latest run.
   */
  static OperatorAlertsWorkflow start(
      WorkflowClient client, Worker worker, OperatorAlertsInput input) {
    OperatorAlertsWorkflow first =
        client.newWorkflowStub(
            OperatorAlertsWorkflow.class,
            OperatorAlertsWorkflow.startOptions(worker.getTaskQueue()));
    WorkflowClient.start(first::run, input);
    return client.newWorkflowStub(OperatorAlertsWorkflow.class, OperatorAlertsWorkflow.WORKFLOW_ID);
  }

  static FailureReport failure(String operation, int attempt) {
    return new FailureReport(
        operation,
        "AccessDenied",
        "not authorized to DescribeInstances",
        "wf",
        attempt,
        Instant.parse("2026-11-26T10:00:00Z"));
  }

  private Alert nextDelivery() throws InterruptedException {
    Alert alert = delivered.poll(30, TimeUnit.SECONDS);
    assertThat(alert).as("an alert delivery").isNotNull();
    return alert;
  }

  @Test
  void twoFailuresInARowAreCountedButAlertNobody(WorkflowClient client, Worker worker) {
    OperatorAlertsWorkflow alerts = start(client, worker, OperatorAlertsInput.alertingAfter(3));

    alerts.failed(failure(SCAN, 1));
    alerts.failed(failure(SCAN, 2));

    assertThat(alerts.failing())
        .containsExactly(
            new OperationState(SCAN, 2, "AccessDenied: not authorized to DescribeInstances", null));
    assertThat(alerts.alerts()).isEmpty();
    verify(channels, never()).deliver(any());
  }

  @Test
  void theThirdFailureInARowOpensAnIncidentAndDeliversIt(WorkflowClient client, Worker worker)
      throws Exception {
    OperatorAlertsWorkflow alerts = start(client, worker, OperatorAlertsInput.alertingAfter(3));

    for (int attempt = 1; attempt <= 3; attempt++) {
      alerts.failed(failure(SCAN, attempt));
    }

    Alert alert = nextDelivery();
    assertThat(alert.incidentId()).isEqualTo(SCAN + "#1");
    assertThat(alert.operation()).isEqualTo(SCAN);
    assertThat(alert.consecutiveFailures()).isEqualTo(3);
    assertThat(alert.lastError()).isEqualTo("AccessDenied: not authorized to DescribeInstances");
    assertThat(alerts.alerts())
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.incidentId()).isEqualTo(SCAN + "#1");
              assertThat(record.state()).isEqualTo(AlertRecord.State.OPEN);
            });
  }

  @Test
  void aFailureThatWillNotBeRetriedOpensAnIncidentAtOnceAndOnlyOnce(
      WorkflowClient client, Worker worker) throws Exception {
    OperatorAlertsWorkflow alerts = start(client, worker, OperatorAlertsInput.alertingAfter(3));
    FailureReport accessDenied =
        new FailureReport(
            SCAN,
            "AwsAccessDenied",
            "ec2:DescribeInstances denied in us-east-1",
            "wf",
            1,
            Instant.parse("2026-11-26T10:00:00Z"),
            true);

    alerts.failed(accessDenied);
    alerts.failed(accessDenied);

    Alert alert = nextDelivery();
    assertThat(alert.incidentId()).isEqualTo(SCAN + "#1");
    assertThat(alert.consecutiveFailures()).isEqualTo(1);
    assertThat(alerts.alerts()).singleElement(); // the repeat joined the open incident
  }

  @Test
  void tenFailuresInOneIncidentAlertOnceAndASuccessThenThreeMoreOpenANewIncident(
      WorkflowClient client, Worker worker) throws Exception {
    OperatorAlertsWorkflow alerts = start(client, worker, OperatorAlertsInput.alertingAfter(3));

    for (int attempt = 1; attempt <= 10; attempt++) {
      alerts.failed(failure(SCAN, attempt));
    }
    assertThat(nextDelivery().incidentId()).isEqualTo(SCAN + "#1");
    assertThat(alerts.alerts()).singleElement().extracting(AlertRecord::failures).isEqualTo(10);

    alerts.succeeded(SCAN);
    assertThat(alerts.failing()).isEmpty();
    assertThat(alerts.alerts())
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.state()).isEqualTo(AlertRecord.State.CLOSED);
              assertThat(record.closedAt()).isNotNull();
            });

    alerts.failed(failure(SCAN, 1));
    alerts.failed(failure(SCAN, 2));
    assertThat(alerts.alerts()).hasSize(1);
    alerts.failed(failure(SCAN, 3));

    // Deliveries run one after another, so a second delivery of incident #1 would come first.
    assertThat(nextDelivery().incidentId()).isEqualTo(SCAN + "#2");
    verify(channels, times(2)).deliver(any());
    assertThat(alerts.alerts())
        .extracting(AlertRecord::incidentId, AlertRecord::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(SCAN + "#1", AlertRecord.State.CLOSED),
            org.assertj.core.groups.Tuple.tuple(SCAN + "#2", AlertRecord.State.OPEN));
  }

  @Test
  void operationsAreCountedSeparately(WorkflowClient client, Worker worker) throws Exception {
    OperatorAlertsWorkflow alerts = start(client, worker, OperatorAlertsInput.alertingAfter(2));
    String other = "ScanRds:optimization/aws:123456789012";

    alerts.failed(failure(SCAN, 1));
    alerts.failed(failure(other, 1));
    alerts.succeeded(other);
    alerts.failed(failure(other, 1));
    alerts.failed(failure(SCAN, 2));

    assertThat(nextDelivery().operation()).isEqualTo(SCAN);
    assertThat(alerts.failing())
        .extracting(OperationState::operation, OperationState::consecutiveFailures)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(SCAN, 2),
            org.assertj.core.groups.Tuple.tuple(other, 1));
  }

  @Test
  void theHistoryShowsDeliveryOutcomesAndKeepsOnlyTheLatestIncidents(
      WorkflowClient client, Worker worker) throws Exception {
    OperatorAlertsWorkflow alerts = start(client, worker, OperatorAlertsInput.alertingAfter(1));

    int incidents = OperatorAlertsWorkflowImpl.HISTORY + 5;
    for (int i = 1; i <= incidents; i++) {
      alerts.failed(failure("Op" + i, 1));
    }
    alerts.succeeded("Op" + (incidents - 1));
    for (int i = 1; i <= incidents; i++) {
      nextDelivery();
    }

    // Deliveries run one at a time: once the last has started, every earlier outcome is recorded.
    List<AlertRecord> history = alerts.alerts();
    assertThat(history).hasSize(OperatorAlertsWorkflowImpl.HISTORY);
    assertThat(history.get(0).incidentId()).isEqualTo("Op6#6");
    AlertRecord beforeLast = history.get(history.size() - 2);
    assertThat(beforeLast.incidentId()).isEqualTo("Op" + (incidents - 1) + "#" + (incidents - 1));
    assertThat(beforeLast.state()).isEqualTo(AlertRecord.State.CLOSED);
    assertThat(beforeLast.delivery()).isEqualTo(AlertRecord.Delivery.DELIVERED);
    assertThat(beforeLast.deliveries())
        .containsExactly(new AlertDelivery("email", AlertDelivery.Status.DELIVERED, 1, null));
    assertThat(history.get(history.size() - 1).state()).isEqualTo(AlertRecord.State.OPEN);
  }

  @Test
  void aDeliveryThatIsRefusedIsRecordedAndAlertingCarriesOn(WorkflowClient client, Worker worker)
      throws Exception {
    OperatorAlertsWorkflow alerts = start(client, worker, OperatorAlertsInput.alertingAfter(1));

    alerts.failed(failure(REFUSED, 1));
    alerts.failed(failure(SCAN, 1));
    assertThat(nextDelivery().operation()).isEqualTo(REFUSED);
    assertThat(nextDelivery().operation()).isEqualTo(SCAN);

    assertThat(alerts.alerts().get(0))
        .satisfies(
            record -> {
              assertThat(record.delivery()).isEqualTo(AlertRecord.Delivery.FAILED);
              assertThat(record.deliveryProblem()).isEqualTo("slack refused the alert: HTTP 400");
            });
    verify(channels, times(2)).deliver(any());
  }

  private static final int SIGNALS_PER_RUN = 5;

  private static String runId(WorkflowClient client) {
    return client
        .newUntypedWorkflowStub(OperatorAlertsWorkflow.WORKFLOW_ID)
        .describe()
        .getExecution()
        .getRunId();
  }

  /** Blocks until the run has closed, on the same long poll a client's getResult uses. */
  private static void awaitClosed(TestWorkflowEnvironment env, String runId) {
    env.getWorkflowServiceStubs()
        .blockingStub()
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .getWorkflowExecutionHistory(
            GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(env.getNamespace())
                .setExecution(
                    WorkflowExecution.newBuilder()
                        .setWorkflowId(OperatorAlertsWorkflow.WORKFLOW_ID)
                        .setRunId(runId))
                .setWaitNewEvent(true)
                .setHistoryEventFilterType(
                    HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT)
                .build());
  }

  @Test
  void continuingAsNewKeepsCountsOpenIncidentsAndHistoryWithinTheEventBudget(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) throws Exception {
    OperatorAlertsWorkflow alerts =
        start(client, worker, new OperatorAlertsInput(3, null, null, 0, SIGNALS_PER_RUN));
    String firstRunId = runId(client);

    // Run 1: SCAN opens incident #1; "Rds" has two failures when the run ends at 5 signals.
    for (int attempt = 1; attempt <= 3; attempt++) {
      alerts.failed(failure(SCAN, attempt));
    }
    assertThat(nextDelivery().incidentId()).isEqualTo(SCAN + "#1");
    alerts.failed(failure("Rds", 1));
    alerts.failed(failure("Rds", 2));
    awaitClosed(env, firstRunId);

    // Run 2 picks up where run 1 stopped: the third "Rds" failure opens incident #2, and SCAN's
    // further failures stay in incident #1.
    alerts.failed(failure("Rds", 3));
    assertThat(nextDelivery().incidentId()).isEqualTo("Rds#2");
    alerts.failed(failure(SCAN, 4));

    assertThat(runId(client)).isNotEqualTo(firstRunId);
    WorkflowExecutionHistory firstRun =
        client.fetchHistory(OperatorAlertsWorkflow.WORKFLOW_ID, firstRunId);
    assertThat(firstRun.getLastEvent().getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    assertThat(firstRun.getEvents())
        .hasSizeLessThan(10_000)
        // at most four events a signal and six an alert, plus start and continue
        .hasSizeLessThanOrEqualTo(SIGNALS_PER_RUN * 4 + 6 + 6);

    assertThat(alerts.failing())
        .extracting(OperationState::operation, OperationState::consecutiveFailures)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(SCAN, 4),
            org.assertj.core.groups.Tuple.tuple("Rds", 3));
    assertThat(alerts.alerts())
        .extracting(AlertRecord::incidentId)
        .containsExactly(SCAN + "#1", "Rds#2");
    verify(channels, times(2)).deliver(any());

    recordHistoryIfAsked(firstRun);
  }

  /**
   * {@code -Dflotilla.recordHistories=true} rewrites the replay test's history from this run; the
   * committed file is what {@link OperatorAlertsReplayTest} replays.
   */
  private static void recordHistoryIfAsked(WorkflowExecutionHistory history) throws Exception {
    if (Boolean.getBoolean("flotilla.recordHistories")) {
      Files.writeString(
          Path.of("src/test/resources/histories/operator-alerts.json"), history.toJson(true));
    }
  }
}
