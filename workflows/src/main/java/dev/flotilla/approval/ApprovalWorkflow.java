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

  /**
   * The business ID of a cycle's approval for one batch: the scope, the cycle's run (its original
   * run ID, so the next cycle of the scope, a cron run included, asks anew) and the batch.
   */
  static String approvalId(String scopeKey, String cycleRunId, int batchIndex) {
    return "approval/" + scopeKey + "/" + cycleRunId.substring(0, 8) + "/" + batchIndex;
  }

  @WorkflowMethod(name = TYPE)
  ApprovalOutcome run(ApprovalRequest request);

  /** {"decision": "APPROVE" or "REJECT", "approver": "alice", "comment": "..."} */
  @SignalMethod(name = "decide")
  void decide(Decision decision);

  @QueryMethod(name = "status")
  ApprovalStatus status();
}
