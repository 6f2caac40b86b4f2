package dev.flotilla.optimization;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The analysis thresholds, per service, as in the {@code thresholds} block of flotilla.yaml (the
 * shape of the original tool's {@code services.thresholds}):
 *
 * <pre>
 * thresholds:
 *   ec2:
 *     cpu_utilization_threshold: 5.0
 *     idle_days_threshold: 7
 *   rds:
 *     cpu_utilization_threshold: 10.0
 *     connection_utilization_threshold: 20.0
 * </pre>
 *
 * <p>{@code services} here is that map: service key (see {@link ResourceKind#service()}) to
 * threshold name to value. Keys a file leaves out fall back to {@link #defaults()}.
 *
 * @param services service key to threshold name to value
 */
public record Thresholds(Map<String, Map<String, Double>> services) {

  /** Percent CPU; a day whose highest hourly average reaches it counts as active. */
  public static final String CPU_UTILIZATION = "cpu_utilization_threshold";

  /** Percent of the DB's max_connections; a day reaching it counts as active. */
  public static final String CONNECTION_UTILIZATION = "connection_utilization_threshold";

  /** Trailing inactive days needed before a resource is called idle. */
  public static final String IDLE_DAYS = "idle_days_threshold";

  /** Percent CPU at p95 below which an instance is oversized: one size down doubles it. */
  public static final String RIGHTSIZE_P95_CPU = "rightsize_p95_cpu_threshold";

  public static final String UNATTACHED_DAYS = "unattached_days_threshold";
  public static final String SNAPSHOT_AGE_DAYS = "snapshot_age_days";
  public static final String INVOCATIONS_PER_DAY = "invocations_per_day_threshold";
  public static final String REQUESTS_PER_DAY = "requests_per_day_threshold";

  /** Age of a bucket (and of the objects a lifecycle rule would move) in days. */
  public static final String LIFECYCLE_AGE_DAYS = "lifecycle_age_days";

  private static final Thresholds DEFAULTS =
      new Thresholds(
          Map.of(
              "ec2",
                  Map.of(
                      CPU_UTILIZATION, 5.0,
                      IDLE_DAYS, 7.0,
                      RIGHTSIZE_P95_CPU, 40.0),
              "rds",
                  Map.of(
                      CPU_UTILIZATION, 10.0,
                      CONNECTION_UTILIZATION, 20.0,
                      IDLE_DAYS, 7.0,
                      RIGHTSIZE_P95_CPU, 40.0),
              "ebs", Map.of(UNATTACHED_DAYS, 7.0, SNAPSHOT_AGE_DAYS, 90.0),
              // A function can run weekly; a full two-week window of silence is asked for.
              "lambda", Map.of(INVOCATIONS_PER_DAY, 1.0, IDLE_DAYS, 14.0),
              "elb", Map.of(REQUESTS_PER_DAY, 10.0, IDLE_DAYS, 7.0),
              "s3", Map.of(LIFECYCLE_AGE_DAYS, 30.0)));

  public Thresholds {
    // Sorted, for the same reason as Resource: serialized bytes must not depend on the JVM run.
    TreeMap<String, Map<String, Double>> copy = new TreeMap<>();
    if (services != null) {
      services.forEach(
          (service, values) ->
              copy.put(
                  service,
                  values == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(values))));
    }
    services = Collections.unmodifiableMap(copy);
  }

  /** The built-in thresholds: the settings file's values plus those it does not name. */
  public static Thresholds defaults() {
    return DEFAULTS;
  }

  /**
   * The threshold {@code key} of {@code service}: this set's value if it has one, else the default.
   *
   * @throws IllegalArgumentException if neither has it, naming the missing settings path
   */
  public double value(String service, String key) {
    Double own = lookup(this, service, key);
    if (own != null) {
      return own;
    }
    Double fallback = lookup(DEFAULTS, service, key);
    if (fallback != null) {
      return fallback;
    }
    throw new IllegalArgumentException(
        "no threshold thresholds." + service + "." + key + " and no default for it");
  }

  /** These thresholds with every value {@code override} gives replacing this one's. */
  public Thresholds merge(Thresholds override) {
    if (override == null) {
      return this;
    }
    TreeMap<String, Map<String, Double>> merged = new TreeMap<>();
    services.forEach((service, values) -> merged.put(service, new TreeMap<>(values)));
    override.services.forEach(
        (service, values) -> merged.computeIfAbsent(service, s -> new TreeMap<>()).putAll(values));
    return new Thresholds(merged);
  }

  private static Double lookup(Thresholds thresholds, String service, String key) {
    Map<String, Double> values = thresholds.services.get(service);
    return values == null ? null : values.get(key);
  }
}
