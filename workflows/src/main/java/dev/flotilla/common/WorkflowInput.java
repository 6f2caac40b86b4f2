package dev.flotilla.common;

/**
 * A workflow's input record. It names its own business workflow ID and checks itself, so that a bad
 * input is refused before anything starts, with a message that says what to fix.
 */
public interface WorkflowInput {

  /** The workflow ID this input runs under: business meaning, never a random value. */
  String workflowId();

  /**
   * Throws {@link InvalidInputException} naming the field that is wrong and what to do.
   *
   * <p>Called by the CLI before starting and again by the workflow, so a start from the Web UI or
   * another SDK gets the same answer.
   */
  void validate();

  /** How a person names this run's business identity, e.g. "a cycle for aws:1234/us-east-1/all". */
  default String subject() {
    return "workflow " + workflowId();
  }
}
