package dev.flotilla.sync;

import java.time.Instant;
import java.util.Map;

/**
 * One row of {@code workflow_phase_logs}. (workflowId, phase, status) is its business key: writing
 * the same entry again, as an activity retry does, changes nothing.
 *
 * @param durationMs how long the phase ran; null for STARTED
 * @param previousPhase the phase that ran before this one; null for CONNECT
 * @param metadata SLA, overrun flag and counts, stored as JSONB
 * @param rollbackToPhase the phase whose result a rollback returns the job to
 */
public record PhaseLogEntry(
    String workflowId,
    String userId,
    SyncPhase phase,
    PhaseStatus status,
    Instant timestamp,
    Long durationMs,
    SyncPhase previousPhase,
    String errorMessage,
    String errorStack,
    Map<String, String> metadata,
    boolean rollbackTriggered,
    SyncPhase rollbackToPhase) {

  public PhaseLogEntry {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
