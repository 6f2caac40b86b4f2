package dev.flotilla.cicd;

import java.util.List;

/** Detection, generation and checking: pure computation over the summaries of stages 1 and 2. */
public final class PipelineActivitiesImpl implements PipelineActivities {

  @Override
  public StackReport detect(ReadmeSummary readme, BuildInventory inventory) {
    return StackDetector.detect(readme, inventory);
  }

  @Override
  public GeneratedWorkflow generate(StackReport stack) {
    return WorkflowGenerator.generate(stack);
  }

  @Override
  public List<String> validate(GeneratedWorkflow workflow) {
    return WorkflowChecker.check(workflow.yaml());
  }
}
