package dev.flotilla.approval;

import dev.flotilla.alerting.Notice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How a waiting approval reads on the alert channels: what to decide and how to answer. */
public final class ApprovalNotices {
  private ApprovalNotices() {}

  /**
   * The reminder (when the approval opens) or the escalation (when it is overdue). Its key is the
   * approval and the kind of notice, so each is sent once however often the activity is retried.
   */
  public static Notice of(ApprovalRequest request, boolean escalation, List<String> approvers) {
    String kind = escalation ? "escalation" : "reminder";
    String savings = String.format(Locale.ROOT, "$%.2f/month", request.savingsUsd());
    String subject =
        "[Flotilla] "
            + (escalation ? "overdue approval: " : "approval waiting: ")
            + request.recommendations()
            + " recommendations for "
            + request.scopeKey()
            + " ("
            + savings
            + ")";
    String body =
        String.join(
            "\n",
            "Approval:    " + request.approvalId(),
            "Scope:       " + request.scopeKey(),
            "Batch:       " + request.batchIndex(),
            "Actions:     " + request.recommendations() + (request.dryRun() ? " (dry run)" : ""),
            "Savings:     " + savings,
            "Approvers:   " + String.join(", ", approvers),
            "",
            "Approve: flotilla approve " + request.approvalId() + " --as <you>",
            "Reject:  flotilla reject " + request.approvalId() + " --as <you>",
            "or send signal decide in the Web UI. It expires "
                + request.expireAfterHours()
                + " h after it opened.");
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("kind", "approval-" + kind);
    payload.put("approvalId", request.approvalId());
    payload.put("scope", request.scopeKey());
    payload.put("batch", request.batchIndex());
    payload.put("recommendations", request.recommendations());
    payload.put("savingsUsd", request.savingsUsd());
    payload.put("approvers", approvers);
    return new Notice(request.approvalId() + ":" + kind, subject, body, payload);
  }
}
