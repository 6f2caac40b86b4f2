package dev.flotilla.retention;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

/** A retention run recorded with {@code flotilla history retention --json} still replays. */
class RetentionReplayTest {
  @Test
  void recordedRetentionRunStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/retention.json", RetentionWorkflowImpl.class);
  }
}
