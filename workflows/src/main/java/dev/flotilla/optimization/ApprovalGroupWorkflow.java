package dev.flotilla.optimization;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Asks for the approvals of up to {@link OptimizationCycleWorkflowImpl#APPROVALS_PER_GROUP} batches
 * of a large cycle at once and waits for all of them, so that neither the cycle nor any group has
 * more approval children open than Temporal allows, and every history stays short.
 */
@WorkflowInterface
public interface ApprovalGroupWorkflow {
  String TYPE = "ApprovalGroup";

  @WorkflowMethod(name = TYPE)
  ApprovalTally run(ApprovalGroup group);
}
