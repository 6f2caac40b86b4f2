package dev.flotilla.optimization;

/**
 * A summary of one metric of one resource over the analysis window.
 *
 * @param resourceId the resource
 * @param metric the metric name
 * @param mean the mean of the samples
 * @param p95 the 95th percentile of the samples (nearest rank)
 * @param max the largest sample
 * @param activeDays days whose daily value reached the metric's threshold; for a metric without a
 *     threshold, days with any non-zero sample
 * @param samples how many samples there were, gaps not counted
 */
public record UtilizationStats(
    String resourceId,
    String metric,
    double mean,
    double p95,
    double max,
    int activeDays,
    int samples) {}
