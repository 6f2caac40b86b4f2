package dev.flotilla.approval;

import java.util.List;

/**
 * @param approvalId the business identity of this decision; also its workflow ID
 * @param cycleId the cycle whose recommendations these are
 * @param batchIndex which of the cycle's batches
 * @param approvers who may decide; anyone else's decision is recorded and changes nothing
 */
public record ApprovalRequest(
    String approvalId,
    String cycleId,
    String cycleWorkflowId,
    String scopeKey,
    int batchIndex,
    int recommendations,
    double savingsUsd,
    List<String> approvers,
    int escalateAfterHours,
    int expireAfterHours,
    boolean dryRun) {
  public ApprovalRequest {
    approvers = approvers == null ? List.of() : List.copyOf(approvers);
  }
}
