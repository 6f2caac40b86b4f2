package dev.flotilla.cicd;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** The pure steps: deciding the stack, writing the YAML, and checking it. */
@ActivityInterface(namePrefix = "CicdPipeline.")
public interface PipelineActivities {

  /** Stage 3: languages, tools, versions and commands with evidence; README disagreements. */
  StackReport detect(ReadmeSummary readme, BuildInventory inventory);

  /** Stage 4: a GitHub Actions workflow for the detected stack. */
  GeneratedWorkflow generate(StackReport stack);

  /** Stage 5, first half: the problems in the generated file; empty when it is valid. */
  List<String> validate(GeneratedWorkflow workflow);
}
