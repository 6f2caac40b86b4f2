package dev.flotilla.sync;

import java.time.Instant;

/**
 * One transition of a phase as {@code flotilla sync describe} shows it: the same transitions the
 * audit log records, kept in the workflow so a query answers without the database.
 *
 * @param durationMs how long the phase ran (or its undo took); null for STARTED
 * @param slaMs the phase's SLA for this job
 * @param slaOverrun whether the phase ended after its SLA (it went on regardless)
 * @param error why the phase failed; null otherwise
 */
public record PhaseRun(
    SyncPhase phase,
    PhaseStatus status,
    Instant at,
    Long durationMs,
    long slaMs,
    boolean slaOverrun,
    String error) {}
