package dev.flotilla.sync;

import java.util.List;

/**
 * How a job ended, with counts: the job's result and what NOTIFY tells the user.
 *
 * @param failedPhase the phase that failed for good; null when the job succeeded
 * @param rolledBack the phases undone, in the order they were undone
 * @param slaOverruns phases that took longer than their SLA
 */
public record SyncOutcome(
    String jobId,
    String userId,
    boolean succeeded,
    long extracted,
    long transformed,
    long quarantined,
    long staged,
    long committed,
    SyncPhase failedPhase,
    String error,
    List<SyncPhase> rolledBack,
    List<SyncPhase> slaOverruns) {}
