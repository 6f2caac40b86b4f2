package dev.flotilla.approval;

/** How an approval ended and, when approved, what was done (or would be, on a dry run). */
public record ApprovalOutcome(
    String approvalId, ApprovalState state, String decidedBy, ExecutionReport execution) {}
