package dev.flotilla.approval;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A human decision on one batch of recommendations. It waits for signal {@code decide} (from {@code
 * flotilla approve|reject} or the Web UI's Send Signal), escalates and expires on durable timers,
 * and hands approved work to the execution activity.
 */
@WorkflowInterface
public interface ApprovalWorkflow {
  String TYPE = "Approval";

  @WorkflowMethod(name = TYPE)
  ApprovalOutcome run(ApprovalRequest request);

  /** {"decision": "APPROVE" or "REJECT", "approver": "alice", "comment": "..."} */
  @SignalMethod(name = "decide")
  void decide(Decision decision);

  @QueryMethod(name = "status")
  ApprovalStatus status();
}
