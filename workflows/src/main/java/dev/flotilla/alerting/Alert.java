package dev.flotilla.alerting;

import java.time.Instant;

/**
 * What operators are told when an operation has failed too many times in a row.
 *
 * @param incidentId the incident's business identity: the operation and the incident's sequence
 *     number in this namespace, for example {@code Compose:hello/ops#4}; never an attempt number,
 *     so every retry of a delivery names the same incident
 * @param operation the operation that keeps failing
 * @param consecutiveFailures failures in a row when the incident opened
 * @param lastError the last failure's type and message
 * @param openedAt when the incident opened (workflow time)
 */
public record Alert(
    String incidentId,
    String operation,
    int consecutiveFailures,
    String lastError,
    Instant openedAt) {}
