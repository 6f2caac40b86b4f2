package dev.flotilla.component;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Deploys, scales, updates, restarts or stops one component, checks its health afterwards and
 * restarts it (a bounded number of times) when it is not healthy. The workflow ID is the
 * component's ({@code component/<name>}) with conflict policy FAIL: one operation per component at
 * a time, a second is refused while the first runs.
 */
@WorkflowInterface
public interface ComponentOperationWorkflow {
  String TYPE = "ComponentOperation";

  @WorkflowMethod(name = TYPE)
  ComponentResult run(ComponentRequest request);
}
