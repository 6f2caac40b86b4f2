package dev.flotilla.optimization;

import dev.flotilla.approval.ApprovalWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Histories recorded from {@code flotilla demo --keep-running} with {@code flotilla history
 * --json}: a change to workflow code that would break the runs they stand for fails here. Such a
 * change goes behind {@code Workflow.getVersion}.
 */
class OptimizationReplayTest {
  private static final String CYCLE_ID =
      "optimization-cycle/aws:123456789012/us-east-1+us-west-2/all";

  /**
   * The exported JSON leaves the workflow ID out, and the cycle derives its children's IDs from its
   * own, so the replay is told which ID the history belongs to.
   */
  private static WorkflowExecutionHistory history(String resource, String workflowId)
      throws IOException {
    try (InputStream in =
        OptimizationReplayTest.class.getResourceAsStream("/histories/" + resource)) {
      return WorkflowExecutionHistory.fromJson(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), workflowId);
    }
  }

  @Test
  void recordedCycleStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        history("optimization-cycle.json", CYCLE_ID), OptimizationCycleWorkflowImpl.class);
  }

  /**
   * The second run of a cron-started cycle (what {@code flotilla schedule create} starts on the
   * embedded server), recorded by {@code CronCycleTest} while it waits on its approval: its started
   * event carries the cron schedule, the backoff to its cron time and a first execution run ID that
   * is not its own.
   */
  @Test
  void recordedCronRunStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        history(
            "optimization-cycle-cron.json", "optimization-cycle/aws:123456789012/us-east-1/all"),
        OptimizationCycleWorkflowImpl.class);
  }

  @Test
  void recordedAnalysisBatchStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        history("resource-batch-analyze.json", CYCLE_ID + "/analyze/0"),
        ResourceBatchWorkflowImpl.class);
  }

  @Test
  void recordedApprovedAndRejectedApprovalsStillReplay() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/approval-approved.json", ApprovalWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/approval-rejected.json", ApprovalWorkflowImpl.class);
  }
}
