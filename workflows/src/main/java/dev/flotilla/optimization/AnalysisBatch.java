package dev.flotilla.optimization;

/**
 * A slice of a cycle's stored inventory, by position: resources {@code [offset, offset + count)} in
 * the order the inventory was collected.
 */
public record AnalysisBatch(
    String cycleId, int offset, int count, Thresholds thresholds, boolean continueOnError) {}
