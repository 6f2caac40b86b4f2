package dev.flotilla.optimization;

/** What Metric Retrieval stored for a cycle; the rows themselves stay in Flotilla's database. */
public record InventorySnapshot(int resources, int metricSeries) {}
