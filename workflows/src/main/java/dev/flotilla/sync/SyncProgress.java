package dev.flotilla.sync;

import java.util.List;

/**
 * What {@code describe} shows of a running or finished job.
 *
 * @param phase the phase running now, or the last one that ran
 * @param slaOverruns phases that took longer than their SLA (they went on regardless)
 */
public record SyncProgress(
    SyncPhase phase,
    List<SyncPhase> completed,
    List<SyncPhase> slaOverruns,
    SyncPhase failedPhase,
    List<SyncPhase> rolledBack) {}
