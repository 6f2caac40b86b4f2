package dev.flotilla.optimization;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One pass (analysis or recommendation) over a range of a cycle's resources, as a child of the
 * cycle, so that no single history carries a whole large account.
 */
@WorkflowInterface
public interface ResourceBatchWorkflow {
  String TYPE = "OptimizationResourceBatch";

  @WorkflowMethod(name = TYPE)
  BatchTally process(BatchRange range);
}
