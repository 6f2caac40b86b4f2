package dev.flotilla.sync;

import java.time.Instant;
import java.util.List;

/**
 * The sync phase analytics and SLA violations ({@code workflow_phase_analytics}, {@code
 * workflow_phase_sla_violations}) over the transitions since a time.
 *
 * @param violations the newest violations, at most the request's maxViolations
 * @param violationCount how many violations there are in all
 */
public record SyncStats(
    Instant since,
    List<PhaseAnalytics> phases,
    List<SlaViolation> violations,
    long violationCount) {

  /** One phase's row of {@code workflow_phase_analytics}. */
  public record PhaseAnalytics(
      int phaseNumber,
      String phaseName,
      long total,
      long completed,
      long failed,
      long rolledBack,
      Long avgDurationMs,
      Long p95DurationMs) {}

  /** One row of {@code workflow_phase_sla_violations}. */
  public record SlaViolation(
      String workflowId,
      String userId,
      String phaseName,
      String status,
      Instant at,
      long durationMs,
      long slaMs,
      long overByMs) {}
}
