package dev.flotilla.approval;

import java.util.List;

/**
 * Delivers an approval reminder or escalation to people. The seam for operator alerting's channels
 * (email, Slack, webhook), which arrive with that feature; until then {@link #LOG_ONLY} leaves the
 * reminder in the log and the audit trail only.
 */
@FunctionalInterface
public interface ApprovalNotifier {

  ApprovalNotifier LOG_ONLY = (request, escalation, approvers) -> {};

  /**
   * @param approvers who may decide, as configured for the scope
   */
  void notify(ApprovalRequest request, boolean escalation, List<String> approvers);
}
