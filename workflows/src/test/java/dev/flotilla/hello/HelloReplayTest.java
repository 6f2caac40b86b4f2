package dev.flotilla.hello;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

/**
 * Replays a history recorded from a real run ({@code flotilla history hello/ops/replay-sample
 * --json}), so a change to the workflow's code that would break running workflows fails the build.
 */
class HelloReplayTest {
  @Test
  void recordedHelloHistoryStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/hello.json", HelloWorkflowImpl.class);
  }
}
