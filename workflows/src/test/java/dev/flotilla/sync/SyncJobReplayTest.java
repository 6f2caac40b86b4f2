package dev.flotilla.sync;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

/**
 * Histories recorded from SyncJobDatabaseTest (the workflow over the real activities and embedded
 * PostgreSQL): a change to the workflow that would break runs like these fails here and goes behind
 * {@code Workflow.getVersion}.
 */
class SyncJobReplayTest {

  @Test
  void aRecordedCompletedJobStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/sync-job-completed.json", SyncJobWorkflowImpl.class);
  }

  @Test
  void aRecordedJobRolledBackAfterACommitFaultStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/sync-job-commit-rolled-back.json", SyncJobWorkflowImpl.class);
  }

  @Test
  void aRecordedJobThatCleanedUpItsWorkRowsStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/sync-job-completed-cleanup.json", SyncJobWorkflowImpl.class);
  }

  @Test
  void aRecordedStatisticsReadingStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/sync-stats.json", SyncStatsWorkflowImpl.class);
  }
}
