package dev.flotilla.sync;

import java.util.List;

/**
 * What {@code describe} shows of a running or finished job.
 *
 * @param phase the phase running now, or the last one that ran
 * @param slaOverruns phases that took longer than their SLA (they went on regardless)
 * @param phases every transition so far, in order: started, completed, failed, rolled back
 * @param counts the records each phase has handled so far
 */
public record SyncProgress(
    SyncPhase phase,
    List<SyncPhase> completed,
    List<SyncPhase> slaOverruns,
    SyncPhase failedPhase,
    List<SyncPhase> rolledBack,
    List<PhaseRun> phases,
    Counts counts) {

  /** Records handled: extracted, transformed, quarantined by VALIDATE, staged, committed. */
  public record Counts(
      long extracted, long transformed, long quarantined, long staged, long committed) {}
}
