package dev.flotilla.optimization;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A cost optimization cycle over one scope: Metric Retrieval, Analysis, Recommendation Generation,
 * Dependency Detection, Batching, Approval Request Creation, Audit.
 */
@WorkflowInterface
public interface OptimizationCycleWorkflow {
  String TYPE = "OptimizationCycle";

  @WorkflowMethod(name = TYPE)
  CycleResult run(CycleRequest request);

  @QueryMethod
  CycleProgress progress();

  /** From an approval group: it has started the approval workflows of {@code count} batches. */
  @SignalMethod
  void approvalsCreated(int count);
}
