package dev.flotilla.approval;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** The approval adapters: who may decide, reminders, and execution of approved work. */
@ActivityInterface
public interface ApprovalActivities {
  /** The approvers configured for a scope (flotilla.yaml {@code approvers}). */
  List<String> approversFor(String scopeKey);

  /** Tells the approvers a decision is waiting; {@code escalation} once it is overdue. */
  void remind(ApprovalRequest request, boolean escalation);

  /** Idempotent on (approvalId, recommendation): a retry does nothing twice. */
  ExecutionReport execute(ExecutionRequest request);
}
