package dev.flotilla.optimization;

import java.time.Instant;

/**
 * Collect the scope's resources and their metrics over {@code [from, to)} into the cycle's store.
 */
public record CollectRequest(String cycleId, Scope scope, Instant from, Instant to) {}
