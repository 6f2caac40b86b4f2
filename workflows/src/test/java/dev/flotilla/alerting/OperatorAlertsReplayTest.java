package dev.flotilla.alerting;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

/**
 * Replays a recorded run of the alerting workflow (failures, an incident, its delivery, and the
 * continue-as-new that ends the run), so a change that would break the running workflow fails the
 * build. Re-record with {@code -Dflotilla.recordHistories=true} on {@link
 * OperatorAlertsWorkflowTest}.
 */
class OperatorAlertsReplayTest {
  @Test
  void recordedAlertingRunStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/operator-alerts.json", OperatorAlertsWorkflowImpl.class);
  }
}
