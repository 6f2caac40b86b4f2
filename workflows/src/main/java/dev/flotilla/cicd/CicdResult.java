package dev.flotilla.cicd;

import java.util.List;

/**
 * A CI generation's outcome: the evidence, the YAML and what was done with it.
 *
 * @param problems what the validator found in the generated file; empty when it is valid
 */
public record CicdResult(
    String repository,
    Checkout checkout,
    ReadmeSummary readme,
    StackReport stack,
    GeneratedWorkflow workflow,
    List<String> problems,
    WriteOutcome write) {

  public CicdResult {
    problems = List.copyOf(problems);
  }

  public boolean valid() {
    return problems.isEmpty();
  }
}
