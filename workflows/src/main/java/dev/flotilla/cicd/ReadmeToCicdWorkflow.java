package dev.flotilla.cicd;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Reads a repository's README and build files, detects its stack with evidence, and generates a
 * GitHub Actions workflow for it: printed on a dry run, written to {@code .github/workflows/ci.yml}
 * on request.
 */
@WorkflowInterface
public interface ReadmeToCicdWorkflow {
  String TYPE = "ReadmeToCicd";

  @WorkflowMethod(name = TYPE)
  CicdResult run(CicdRequest request);

  @QueryMethod
  CicdStage stage();
}
