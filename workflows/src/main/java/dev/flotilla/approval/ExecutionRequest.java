package dev.flotilla.approval;

/** Carry out (or, on a dry run, record) the approved batch's recommendations. */
public record ExecutionRequest(String approvalId, String cycleId, int batchIndex, boolean dryRun) {}
