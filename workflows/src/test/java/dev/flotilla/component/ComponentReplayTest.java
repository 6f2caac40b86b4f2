package dev.flotilla.component;

import dev.flotilla.events.EventFeedWorkflowImpl;
import dev.flotilla.maintenance.MaintenanceWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Recorded runs of the component, maintenance and read workflows still replay. Re-record with
 * {@code ./mvnw -pl workflows test -Dtest='ComponentOperationWorkflowTest,MaintenanceWorkflowTest,
 * EventFeedWorkflowTest' -Dflotilla.recordHistories=true}.
 */
class ComponentReplayTest {
  @Test
  void aRecordedHealthyDeployStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/component-deploy.json", ComponentOperationWorkflowImpl.class);
  }

  @Test
  void aRecordedDeployWithAnAutomaticRestartStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/component-restarted.json", ComponentOperationWorkflowImpl.class);
  }

  @Test
  void aRecordedHistoryReadStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/component-history.json", ComponentHistoryWorkflowImpl.class);
  }

  @Test
  void aRecordedEventReadStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/event-feed.json", EventFeedWorkflowImpl.class);
  }

  /** Its retention child's ID is derived from the run's own, so replay is told that ID. */
  @Test
  void aRecordedMaintenanceRunStillReplays() throws Exception {
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("histories/maintenance.json")) {
      WorkflowReplayer.replayWorkflowExecution(
          WorkflowExecutionHistory.fromJson(
              new String(in.readAllBytes(), StandardCharsets.UTF_8), "maintenance"),
          MaintenanceWorkflowImpl.class);
    }
  }
}
