package dev.flotilla.optimization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.flotilla.FlotillaTestEnvironment;
import dev.flotilla.HistoryLimits;
import dev.flotilla.approval.ApprovalActivities;
import dev.flotilla.approval.ApprovalRequest;
import dev.flotilla.approval.ApprovalWorkflow;
import dev.flotilla.approval.ApprovalWorkflowImpl;
import dev.flotilla.approval.Decision;
import dev.flotilla.approval.ExecutionReport;
import dev.flotilla.audit.AuditActivities;
import dev.flotilla.common.WorkflowCatalog;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OptimizationCycleWorkflowTest {
  private static final Scope SCOPE =
      new Scope("sample", "123456789012", List.of("us-east-1"), List.of());

  @RegisterExtension
  static final TestWorkflowExtension workflows =
      FlotillaTestEnvironment.extension(
              OptimizationCycleWorkflowImpl.class,
              ResourceBatchWorkflowImpl.class,
              ApprovalGroupWorkflowImpl.class,
              ApprovalWorkflowImpl.class)
          .build();

  private final InventoryActivities inventory =
      mock(InventoryActivities.class, withSettings().withoutAnnotations());
  private final AnalysisActivities analysis =
      mock(AnalysisActivities.class, withSettings().withoutAnnotations());
  private final ApprovalActivities approvals =
      mock(ApprovalActivities.class, withSettings().withoutAnnotations());
  private final AuditActivities audit =
      mock(AuditActivities.class, withSettings().withoutAnnotations());

  private WorkflowClient client;
  private Worker worker;

  @BeforeEach
  void wire(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.client = client;
    this.worker = worker;
    when(analysis.analyze(any())).thenAnswer(call -> tally(call.getArgument(0), "IDLE", 0));
    when(analysis.recommend(any()))
        .thenAnswer(call -> tally(call.getArgument(0), "STOP_INSTANCE", 10.0));
    when(analysis.groupDependencies(anyString())).thenReturn(new GroupingSummary(25, 20, 3));
    when(approvals.approversFor(anyString())).thenReturn(List.of("alice"));
    when(approvals.execute(any()))
        .thenReturn(new ExecutionReport(2, true, List.of("would STOP_INSTANCE i-1")));
    worker.registerActivitiesImplementations(inventory, analysis, approvals, audit);
    env.start();
  }

  /** A tally as the real activity gives it: every resource processed, one count each. */
  private static BatchTally tally(AnalysisBatch batch, String count, double savingsPerResource) {
    return new BatchTally(
        batch.count(),
        0,
        Map.of(count, batch.count()),
        batch.count() * savingsPerResource,
        List.of());
  }

  private OptimizationCycleWorkflow cycle(CycleRequest request) {
    return client.newWorkflowStub(
        OptimizationCycleWorkflow.class,
        WorkflowOptions.newBuilder(WorkflowCatalog.get("optimization-cycle").startOptions(request))
            .setTaskQueue(worker.getTaskQueue())
            .build());
  }

  private static CycleRequest request(boolean continueOnError) {
    return new CycleRequest(SCOPE, null, null, continueOnError, null, null, null, null, "test");
  }

  private CountDownLatch approvalsRequested(int count) {
    CountDownLatch latch = new CountDownLatch(count);
    doAnswer(
            call -> {
              latch.countDown();
              return null;
            })
        .when(approvals)
        .remind(any(), eq(false));
    return latch;
  }

  @Test
  void fullCycleRunsEveryStageAndActsOnlyOnTheApprovedBatch(TestWorkflowEnvironment env)
      throws Exception {
    when(inventory.collect(any())).thenReturn(new InventorySnapshot(250, 500));
    when(analysis.packBatches(anyString(), anyInt()))
        .thenReturn(List.of(new BatchRef(0, 15, 150.0), new BatchRef(1, 10, 100.0)));
    CountDownLatch requested = approvalsRequested(2);
    OptimizationCycleWorkflow cycle = cycle(request(false));
    var execution = WorkflowClient.start(cycle::run, request(false));

    assertThat(requested.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(cycle.progress().stage()).isEqualTo("Approval Request Creation");
    String runId = execution.getRunId();
    client
        .newWorkflowStub(ApprovalWorkflow.class, ApprovalWorkflow.approvalId(SCOPE.key(), runId, 0))
        .decide(new Decision(Decision.Kind.APPROVE, "alice", "go"));
    client
        .newWorkflowStub(ApprovalWorkflow.class, ApprovalWorkflow.approvalId(SCOPE.key(), runId, 1))
        .decide(new Decision(Decision.Kind.REJECT, "alice", "later"));
    CycleResult result = WorkflowStub.fromTyped(cycle).getResult(CycleResult.class);

    assertThat(result.resourcesSeen()).isEqualTo(250);
    assertThat(result.resourcesAnalyzed()).isEqualTo(250);
    assertThat(result.findingsByType()).containsEntry("IDLE", 250);
    assertThat(result.recommendationsByAction()).containsEntry("STOP_INSTANCE", 250);
    assertThat(result.estimatedMonthlySavingsUsd()).isEqualTo(2500.0);
    assertThat(result.approvalsCreated()).isEqualTo(2);
    assertThat(result.approved()).isEqualTo(1);
    assertThat(result.rejected()).isEqualTo(1);
    verify(approvals, times(1)).execute(argThat(r -> r.batchIndex() == 0 && r.dryRun()));
    assertThat(cycle.progress().completedStages())
        .containsExactly(
            "Metric Retrieval",
            "Analysis",
            "Recommendation Generation",
            "Dependency Detection",
            "Batching",
            "Approval Request Creation",
            "Audit");
    verify(audit)
        .record(argThat(e -> e.stage().equals("Audit") && e.eventType().equals("cycle-completed")));
  }

  @Test
  void failingScannerFailsTheCycleWithItsCauseWithoutContinueOnError() {
    when(inventory.collect(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "ec2:DescribeInstances denied in us-east-1", "AwsAccessDenied"));
    OptimizationCycleWorkflow cycle = cycle(request(false));

    assertThatThrownBy(() -> cycle.run(request(false)))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("ec2:DescribeInstances denied");
    verify(analysis, never()).analyze(any());
    verify(audit)
        .record(
            argThat(
                e -> e.stage().equals("Metric Retrieval") && e.eventType().equals("stage-failed")));
  }

  @Test
  void failingScannerIsRecordedAndSkippedWithContinueOnError() {
    when(inventory.collect(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "ec2:DescribeInstances denied in us-east-1", "AwsAccessDenied"));
    when(analysis.packBatches(anyString(), anyInt())).thenReturn(List.of());

    CycleResult result = cycle(request(true)).run(request(true));

    assertThat(result.resourcesSeen()).isZero();
    assertThat(result.failures()).anyMatch(f -> f.contains("ec2:DescribeInstances denied"));
    assertThat(result.approvalsCreated()).isZero();
  }

  @Test
  void failingBatchIsSkippedWithContinueOnErrorAndCounted() {
    when(inventory.collect(any())).thenReturn(new InventorySnapshot(300, 300));
    doThrow(
            ApplicationFailure.newNonRetryableFailure(
                "metrics unreadable for i-0bad", "ResourceAnalysisFailed"))
        .when(analysis)
        .analyze(argThat(b -> b.offset() == 100));
    when(analysis.packBatches(anyString(), anyInt())).thenReturn(List.of());

    CycleResult result = cycle(request(true)).run(request(true));

    assertThat(result.resourcesAnalyzed()).isEqualTo(200);
    assertThat(result.resourcesFailed()).isEqualTo(100);
    assertThat(result.failures())
        .anyMatch(f -> f.contains("resources 100-199") && f.contains("i-0bad"));
  }

  @Test
  void secondCycleForTheSameScopeIsRejectedWhileTheFirstRuns() throws Exception {
    when(inventory.collect(any())).thenReturn(new InventorySnapshot(10, 10));
    when(analysis.packBatches(anyString(), anyInt())).thenReturn(List.of(new BatchRef(0, 1, 5.0)));
    CountDownLatch requested = approvalsRequested(1);
    var first = WorkflowClient.start(cycle(request(false))::run, request(false));
    assertThat(requested.await(30, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> WorkflowClient.start(cycle(request(false))::run, request(false)))
        .isInstanceOf(WorkflowExecutionAlreadyStarted.class)
        .satisfies(
            e ->
                assertThat(((WorkflowExecutionAlreadyStarted) e).getExecution().getRunId())
                    .isEqualTo(first.getRunId()));
  }

  @Test
  void cycleOverOneHundredThousandResourcesStaysWithinTemporalsLimits() {
    int resources = 100_000;
    when(inventory.collect(any())).thenReturn(new InventorySnapshot(resources, resources * 2));
    List<BatchRef> batches =
        IntStream.range(0, 300).mapToObj(i -> new BatchRef(i, 100, 50.0)).toList();
    when(analysis.packBatches(anyString(), anyInt())).thenReturn(batches);
    when(approvals.approversFor(anyString())).thenReturn(List.of());
    OptimizationCycleWorkflow cycle = cycle(request(false));

    CycleResult result = cycle.run(request(false));

    assertThat(result.resourcesAnalyzed()).isEqualTo(resources);
    assertThat(result.expired()).isEqualTo(300);
    String cycleId =
        WorkflowCatalog.get("optimization-cycle").startOptions(request(false)).getWorkflowId();
    List<String> workflowIds = new ArrayList<>(List.of(cycleId));
    for (int child = 0; child < 10; child++) {
      workflowIds.add(cycleId + "/analyze/" + child);
      workflowIds.add(cycleId + "/recommend/" + child);
    }
    String runPrefix =
        result
            .cycleId()
            .substring(result.cycleId().indexOf('@') + 1, result.cycleId().indexOf('@') + 9);
    workflowIds.add(ApprovalWorkflow.approvalId(SCOPE.key(), runPrefix, 299));
    for (String workflowId : workflowIds) {
      HistoryLimits limits = HistoryLimits.of(client, workflowId);
      assertThat(limits.events()).as("events in %s", workflowId).isLessThan(10_000);
      assertThat(limits.maxPendingActivities())
          .as("pending activities in %s", workflowId)
          .isLessThanOrEqualTo(500);
      assertThat(limits.maxPendingChildren())
          .as("pending children in %s", workflowId)
          .isLessThanOrEqualTo(500);
    }
    // Everything that crossed the history is counts and references, never the inventory itself.
    assertThat(client.fetchHistory(cycleId).toJson(false).length()).isLessThan(2 * 1024 * 1024);
  }

  @Test
  void cycleWithTwelveHundredBatchesAsksForEveryApprovalAtOnceWithinTemporalsLimits()
      throws Exception {
    int batchCount = 1_200;
    when(inventory.collect(any())).thenReturn(new InventorySnapshot(10_000, 20_000));
    when(analysis.packBatches(anyString(), anyInt()))
        .thenReturn(
            IntStream.range(0, batchCount).mapToObj(i -> new BatchRef(i, 8, 40.0)).toList());
    when(approvals.approversFor(anyString())).thenReturn(List.of());
    Set<String> asked = ConcurrentHashMap.newKeySet();
    CountDownLatch allAsked = new CountDownLatch(batchCount);
    doAnswer(
            call -> {
              if (asked.add(call.<ApprovalRequest>getArgument(0).approvalId())) {
                allAsked.countDown();
              }
              return null;
            })
        .when(approvals)
        .remind(any(), eq(false));
    OptimizationCycleWorkflow cycle = cycle(request(false));
    var execution = WorkflowClient.start(cycle::run, request(false));

    // Workflow time stands still until the result is awaited, so no approval has been decided or
    // has expired yet: every one was asked for without waiting on another.
    assertThat(allAsked.await(120, TimeUnit.SECONDS)).isTrue();
    CycleResult result = WorkflowStub.fromTyped(cycle).getResult(CycleResult.class);

    assertThat(result.approvalsCreated()).isEqualTo(batchCount);
    assertThat(cycle.progress().approvalsCreated()).isEqualTo(batchCount);
    assertThat(cycle.progress().approvalsPending()).isZero();
    assertThat(result.expired()).isEqualTo(batchCount);
    String runPrefix = execution.getRunId().substring(0, 8);
    assertThat(asked)
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, batchCount)
                .mapToObj(i -> ApprovalWorkflow.approvalId(SCOPE.key(), runPrefix, i))
                .toList());
    String cycleId = execution.getWorkflowId();
    List<String> workflowIds =
        new ArrayList<>(
            List.of(
                cycleId,
                cycleId + "/approvals/0",
                cycleId + "/approvals/1",
                cycleId + "/approvals/2",
                ApprovalWorkflow.approvalId(SCOPE.key(), runPrefix, batchCount - 1)));
    for (String workflowId : workflowIds) {
      HistoryLimits limits = HistoryLimits.of(client, workflowId);
      assertThat(limits.events()).as("events in %s", workflowId).isLessThan(10_000);
      assertThat(limits.maxPendingActivities())
          .as("pending activities in %s", workflowId)
          .isLessThan(500);
      assertThat(limits.maxPendingChildren())
          .as("pending children in %s", workflowId)
          .isLessThan(500);
    }
  }
}
