package dev.flotilla.optimization;

import java.util.List;

/**
 * Batches whose approvals one workflow asks for and waits on: the whole cycle's when they are few,
 * else one {@link ApprovalGroupWorkflow}'s share.
 *
 * @param index which group of the cycle (0 when the cycle asks for its approvals itself)
 * @param cycleRunId the cycle run's original run ID, part of every approval ID
 * @param approvers who may decide, as configured for the scope when the approval stage began
 */
public record ApprovalGroup(
    int index,
    String cycleId,
    String cycleWorkflowId,
    String cycleRunId,
    String scopeKey,
    List<String> approvers,
    int escalateAfterHours,
    int expireAfterHours,
    boolean dryRun,
    List<BatchRef> batches) {

  public ApprovalGroup {
    approvers = approvers == null ? List.of() : List.copyOf(approvers);
    batches = batches == null ? List.of() : List.copyOf(batches);
  }

  /** The same group with only {@code batches}, numbered {@code index}. */
  ApprovalGroup part(int index, List<BatchRef> batches) {
    return new ApprovalGroup(
        index,
        cycleId,
        cycleWorkflowId,
        cycleRunId,
        scopeKey,
        approvers,
        escalateAfterHours,
        expireAfterHours,
        dryRun,
        batches);
  }
}
