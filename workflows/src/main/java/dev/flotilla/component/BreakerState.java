package dev.flotilla.component;

/**
 * One component's circuit breaker in one worker, as {@code flotilla breakers} shows it (the
 * worker's ops endpoint {@code /breakers} serves a JSON list of these).
 *
 * @param component the component it guards
 * @param state CLOSED, OPEN or HALF_OPEN
 * @param failureRate percentage of failed calls in the window, -1 until enough calls were made
 * @param bufferedCalls calls in the window
 * @param failedCalls failed calls in the window
 * @param notPermittedCalls calls refused while open, since the worker started
 * @param remainingOpenMillis how long it stays open; 0 unless open
 */
public record BreakerState(
    String component,
    String state,
    float failureRate,
    int bufferedCalls,
    int failedCalls,
    long notPermittedCalls,
    long remainingOpenMillis) {}
