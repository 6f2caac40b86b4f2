package dev.flotilla.optimization;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Evenly spaced samples of one CloudWatch metric for one resource. A null value is a gap (no
 * datapoint for that period).
 *
 * @param resourceId the resource the samples belong to
 * @param metric the CloudWatch metric name, for example {@link #CPU_UTILIZATION}
 * @param start the time of the first sample
 * @param stepSeconds the period between samples (3600 for hourly)
 * @param values the samples: an average percentage for CPU, a sum per period for counts
 */
public record MetricSeries(
    String resourceId, String metric, Instant start, int stepSeconds, List<Double> values) {

  public static final String CPU_UTILIZATION = "CPUUtilization";
  public static final String DATABASE_CONNECTIONS = "DatabaseConnections";
  public static final String INVOCATIONS = "Invocations";
  public static final String REQUEST_COUNT = "RequestCount";
  public static final String NETWORK_IN = "NetworkIn";
  public static final String VOLUME_READ_OPS = "VolumeReadOps";

  public MetricSeries {
    if (stepSeconds <= 0) {
      throw new IllegalArgumentException("stepSeconds must be positive, was " + stepSeconds);
    }
    // List.copyOf refuses nulls, and a null is how a gap is written.
    values = values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
  }
}
