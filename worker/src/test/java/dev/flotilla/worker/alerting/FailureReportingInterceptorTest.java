package dev.flotilla.worker.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.flotilla.alerting.Alert;
import dev.flotilla.alerting.AlertActivities;
import dev.flotilla.alerting.AlertRecord;
import dev.flotilla.alerting.DeliveryReport;
import dev.flotilla.alerting.OperationState;
import dev.flotilla.alerting.OperatorAlertsWorkflow;
import dev.flotilla.alerting.OperatorAlertsWorkflowImpl;
import dev.flotilla.common.FlotillaSearchAttributes;
import io.temporal.activity.ActivityInfo;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The worker interceptor on the in-process test server (time skipping), with the real alerting
 * workflow and mocked channels: Temporal retries an activity, the interceptor reports each attempt.
 */
class FailureReportingInterceptorTest {
  private static final String QUEUE = "alerting-interceptor-test";
  private static final String SCAN_OPERATION = "Scan:scan/acct-1";

  @ActivityInterface
  public interface Scanner {
    String scan();
  }

  @WorkflowInterface
  public interface ScanWorkflow {
    @WorkflowMethod
    String run(int attempts);
  }

  public static final class ScanWorkflowImpl implements ScanWorkflow {
    @Override
    public String run(int attempts) {
      Scanner scanner =
          Workflow.newActivityStub(
              Scanner.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(10))
                  .setRetryOptions(
                      RetryOptions.newBuilder()
                          .setInitialInterval(Duration.ofSeconds(1))
                          .setBackoffCoefficient(1.0)
                          .setMaximumAttempts(attempts)
                          .build())
                  .build());
      return scanner.scan();
    }
  }

  /** Fails its first {@code failures} calls, then succeeds. */
  static final class FlakyScanner implements Scanner {
    private final int failures;
    private final AtomicInteger calls = new AtomicInteger();

    FlakyScanner(int failures) {
      this.failures = failures;
    }

    @Override
    public String scan() {
      if (calls.incrementAndGet() <= failures) {
        throw new IllegalStateException("the scanner is down");
      }
      return "scanned";
    }
  }

  /** Refused by AWS every time, as the inventory and execution adapters report it. */
  static final class DeniedScanner implements Scanner {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String scan() {
      calls.incrementAndGet();
      throw ApplicationFailure.newNonRetryableFailure(
          "AWS ec2:DescribeInstances in us-east-1 was denied (UnauthorizedOperation)",
          "AwsAccessDenied");
    }
  }

  private final BlockingQueue<Alert> delivered = new LinkedBlockingQueue<>();
  private TestWorkflowEnvironment env;
  private AlertActivities channels;

  private void startWith(Scanner scanner) {
    OperatorAlertsSignals signals =
        new OperatorAlertsSignals(() -> env.getWorkflowClient(), QUEUE, 3);
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new FailureReportingInterceptor(signals))
                        .build())
                .build());
    FlotillaSearchAttributes.all()
        .forEach(
            key ->
                env.registerSearchAttribute(
                    key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    channels = mock(AlertActivities.class, withSettings().withoutAnnotations());
    when(channels.deliver(any()))
        .thenAnswer(
            call -> {
              Alert alert = call.getArgument(0);
              delivered.add(alert);
              return new DeliveryReport(alert.incidentId(), List.of());
            });
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(
        OperatorAlertsWorkflowImpl.class, ScanWorkflowImpl.class);
    worker.registerActivitiesImplementations(channels, scanner);
    env.start();
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  private String scan(int attempts) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            ScanWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId("scan/acct-1").setTaskQueue(QUEUE).build())
        .run(attempts);
  }

  private OperatorAlertsWorkflow alerting() {
    return env.getWorkflowClient()
        .newWorkflowStub(OperatorAlertsWorkflow.class, OperatorAlertsWorkflow.WORKFLOW_ID);
  }

  @Test
  void anActivityFailingFiveAttemptsInARowAlertsOnce() throws Exception {
    startWith(new FlakyScanner(Integer.MAX_VALUE));

    assertThatThrownBy(() -> scan(5)).isInstanceOf(WorkflowFailedException.class);

    Alert alert = delivered.poll(30, TimeUnit.SECONDS);
    assertThat(alert).isNotNull();
    assertThat(alert.operation()).isEqualTo(SCAN_OPERATION);
    assertThat(alert.incidentId()).isEqualTo(SCAN_OPERATION + "#1");
    assertThat(alert.consecutiveFailures()).isEqualTo(3);
    assertThat(alert.lastError()).isEqualTo("IllegalStateException: the scanner is down");
    // Every attempt was reported before it failed, so the query sees all five.
    assertThat(alerting().failing())
        .extracting(OperationState::consecutiveFailures)
        .containsExactly(5);
    assertThat(alerting().alerts()).singleElement().extracting(AlertRecord::failures).isEqualTo(5);
    verify(channels, times(1)).deliver(any());
  }

  @Test
  void accessDeniedIsNotRetriedAndAlertsOnce() throws Exception {
    DeniedScanner scanner = new DeniedScanner();
    startWith(scanner);

    assertThatThrownBy(() -> scan(5)).isInstanceOf(WorkflowFailedException.class);

    Alert alert = delivered.poll(30, TimeUnit.SECONDS);
    assertThat(alert).isNotNull();
    assertThat(alert.operation()).isEqualTo(SCAN_OPERATION);
    assertThat(alert.lastError()).contains("was denied (UnauthorizedOperation)");
    assertThat(scanner.calls).hasValue(1);
    assertThat(alerting().alerts()).singleElement().extracting(AlertRecord::failures).isEqualTo(1);
    verify(channels, times(1)).deliver(any());
  }

  @Test
  void aRetryThatSucceedsResetsTheCountAndAlertsNobody() {
    startWith(new FlakyScanner(2));

    assertThat(scan(5)).isEqualTo("scanned");

    assertThat(alerting().failing()).isEmpty();
    assertThat(alerting().alerts()).isEmpty();
    assertThat(delivered).isEmpty();
  }

  @Test
  void theOperationIsTheActivityTypeAndTheWorkflowsBusinessId() {
    ActivityInfo info = mock(ActivityInfo.class);
    when(info.getActivityType()).thenReturn("ScanEc2");
    when(info.getWorkflowId()).thenReturn("optimization/aws:123");
    when(info.getWorkflowType()).thenReturn("OptimizationCycle");

    assertThat(FailureReportingInterceptor.operation(info))
        .isEqualTo("ScanEc2:optimization/aws:123");
    assertThat(FailureReportingInterceptor.watched(info)).isTrue();
  }

  @Test
  void theAlertingWorkflowsOwnDeliveriesAreNotReported() {
    ActivityInfo info = mock(ActivityInfo.class);
    when(info.getActivityType()).thenReturn(AlertActivities.DELIVER);
    when(info.getWorkflowType()).thenReturn(OperatorAlertsWorkflow.TYPE);

    assertThat(FailureReportingInterceptor.watched(info)).isFalse();
  }
}
