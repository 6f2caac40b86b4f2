package dev.flotilla.optimization;

import java.util.List;
import java.util.Map;

/**
 * What a cycle found and what became of it.
 *
 * @param failures what failed and was skipped under continueOnError (at most the first 20)
 */
public record CycleResult(
    String cycleId,
    String scopeKey,
    int resourcesSeen,
    int resourcesAnalyzed,
    int resourcesFailed,
    Map<String, Integer> findingsByType,
    Map<String, Integer> recommendationsByAction,
    double estimatedMonthlySavingsUsd,
    int approvalsCreated,
    int approved,
    int rejected,
    int expired,
    List<String> failures,
    long durationSeconds) {}
