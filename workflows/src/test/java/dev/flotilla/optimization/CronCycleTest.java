package dev.flotilla.optimization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.flotilla.FlotillaTestEnvironment;
import dev.flotilla.approval.ApprovalActivities;
import dev.flotilla.approval.ApprovalRequest;
import dev.flotilla.approval.ApprovalWorkflowImpl;
import dev.flotilla.audit.AuditActivities;
import dev.flotilla.common.WorkflowCatalog;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cycle started as a cron workflow, which is what {@code flotilla schedule create} does on the
 * embedded server. Every cron run of a workflow ID shares its first run's ID, so a cycle that took
 * its identity from that would have collected, batched and executed each later run under the first
 * run's rows and approval IDs. {@link #recordSecondRun} records the second run's history ({@code
 * -Dflotilla.recordHistories=true}), which {@code OptimizationReplayTest} replays.
 */
class CronCycleTest {
  static final String HISTORY = "histories/optimization-cycle-cron.json";
  private static final Scope SCOPE =
      new Scope("sample", "123456789012", List.of("us-east-1"), List.of());
  private static final CycleRequest REQUEST =
      new CycleRequest(SCOPE, null, null, false, null, null, null, null, "schedule");

  @RegisterExtension
  static final TestWorkflowExtension workflows =
      FlotillaTestEnvironment.extension(
              OptimizationCycleWorkflowImpl.class,
              ResourceBatchWorkflowImpl.class,
              ApprovalGroupWorkflowImpl.class,
              ApprovalWorkflowImpl.class)
          .build();

  private final BlockingQueue<ApprovalRequest> asked = new LinkedBlockingQueue<>();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String workflowId;

  @BeforeEach
  void start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    this.client = client;
    InventoryActivities inventory =
        mock(InventoryActivities.class, withSettings().withoutAnnotations());
    AnalysisActivities analysis =
        mock(AnalysisActivities.class, withSettings().withoutAnnotations());
    ApprovalActivities approvals =
        mock(ApprovalActivities.class, withSettings().withoutAnnotations());
    when(inventory.collect(any())).thenReturn(new InventorySnapshot(10, 20));
    when(analysis.analyze(any()))
        .thenReturn(new BatchTally(10, 0, Map.of("IDLE", 1), 0, List.of()));
    when(analysis.recommend(any()))
        .thenReturn(new BatchTally(10, 0, Map.of("STOP_INSTANCE", 1), 61.32, List.of()));
    when(analysis.groupDependencies(anyString())).thenReturn(new GroupingSummary(1, 1, 0));
    when(analysis.packBatches(anyString(), anyInt()))
        .thenReturn(List.of(new BatchRef(0, 1, 61.32)));
    // Nobody may decide: each run's approval expires, and the run ends.
    when(approvals.approversFor(anyString())).thenReturn(List.of());
    doAnswer(
            call -> {
              asked.add(call.getArgument(0));
              return null;
            })
        .when(approvals)
        .remind(any(), eq(false));
    worker.registerActivitiesImplementations(
        inventory,
        analysis,
        approvals,
        mock(AuditActivities.class, withSettings().withoutAnnotations()));
    env.start();
    WorkflowOptions options =
        WorkflowOptions.newBuilder(WorkflowCatalog.get("optimization-cycle").startOptions(REQUEST))
            .setTaskQueue(worker.getTaskQueue())
            .setCronSchedule("0 * * * *")
            .build();
    workflowId = options.getWorkflowId();
    WorkflowClient.start(
        client.newWorkflowStub(OptimizationCycleWorkflow.class, options)::run, REQUEST);
  }

  /** Lets the first run start and end (its approval expires) and the second one ask. */
  private List<ApprovalRequest> twoRuns() throws InterruptedException {
    env.sleep(Duration.ofHours(1));
    ApprovalRequest first = asked.poll(60, TimeUnit.SECONDS);
    env.sleep(Duration.ofHours(73));
    ApprovalRequest second = asked.poll(60, TimeUnit.SECONDS);
    assertThat(first).isNotNull();
    assertThat(second).isNotNull();
    return List.of(first, second);
  }

  @Test
  void eachCronRunCollectsAndAsksForApprovalsUnderItsOwnRun() throws Exception {
    List<ApprovalRequest> runs = twoRuns();

    assertThat(runs.get(1).cycleId()).isNotEqualTo(runs.get(0).cycleId());
    assertThat(runs.get(1).approvalId()).isNotEqualTo(runs.get(0).approvalId());
    String secondRunId = runs.get(1).cycleId().substring(workflowId.length() + 1);
    assertThat(runs.get(1).approvalId())
        .isEqualTo(dev.flotilla.approval.ApprovalWorkflow.approvalId(SCOPE.key(), secondRunId, 0));
    client.newUntypedWorkflowStub(workflowId).terminate("test over");
  }

  /**
   * Records the second run while it waits on its approval. A closed run would not do: the Java test
   * server ends a cron run with a ContinuedAsNew event (a real server records it as completed, with
   * the next run's ID), which the replayer does not match to the workflow's completion.
   */
  @Test
  @EnabledIfSystemProperty(named = "flotilla.recordHistories", matches = "true")
  void recordSecondRun() throws Exception {
    List<ApprovalRequest> runs = twoRuns();
    String secondRunId = runs.get(1).cycleId().substring(workflowId.length() + 1);

    Files.writeString(
        Path.of("src/test/resources", HISTORY),
        client.fetchHistory(workflowId, secondRunId).toJson(true));
    client.newUntypedWorkflowStub(workflowId).terminate("recorded");
  }
}
