package dev.flotilla.approval;

/**
 * What query {@code status} answers.
 *
 * @param ignoredDecisions decisions that changed nothing: from someone not on the list, or after
 *     the first valid one
 */
public record ApprovalStatus(
    String approvalId,
    ApprovalState state,
    String decidedBy,
    String comment,
    boolean escalated,
    int ignoredDecisions,
    int recommendations,
    double savingsUsd) {}
