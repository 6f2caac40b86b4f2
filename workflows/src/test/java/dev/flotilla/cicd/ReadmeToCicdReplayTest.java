package dev.flotilla.cicd;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

/**
 * A history recorded from CicdEndToEndTest in the activities module (the workflow over the real
 * adapters on a corpus layout): a change that would break such runs fails here and goes behind
 * {@code Workflow.getVersion}.
 */
class ReadmeToCicdReplayTest {

  @Test
  void aRecordedGenerationStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/readme-to-cicd.json", ReadmeToCicdWorkflowImpl.class);
  }
}
