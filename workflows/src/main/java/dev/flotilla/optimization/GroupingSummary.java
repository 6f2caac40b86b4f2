package dev.flotilla.optimization;

/** Dependency Detection's result: recommendations that must be decided and acted on together. */
public record GroupingSummary(int recommendations, int groups, int largestGroup) {}
