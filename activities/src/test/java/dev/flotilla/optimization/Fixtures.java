package dev.flotilla.optimization;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/** Hand-built resources and metrics for the optimization tests. */
final class Fixtures {

  static final Instant END = Instant.parse("2025-01-15T00:00:00Z");

  /** The thresholds block of the FinOps settings file the cycle is specified against. */
  static final String SEED_SETTINGS_YAML =
      """
      services:
        enabled: [ec2, rds, lambda, s3, ebs, elb, cloudwatch]
        thresholds:
          ec2:
            cpu_utilization_threshold: 5.0
            idle_days_threshold: 7
          rds:
            cpu_utilization_threshold: 10.0
            connection_utilization_threshold: 20.0
      """;

  private Fixtures() {}

  /** Reads {@code services.thresholds} of a settings document into {@link Thresholds}. */
  static Thresholds thresholdsFromSettings(String yaml) {
    try {
      YAMLMapper mapper = new YAMLMapper();
      JsonNode block = mapper.readTree(yaml).path("services").path("thresholds");
      return new Thresholds(
          mapper.convertValue(block, new TypeReference<Map<String, Map<String, Double>>>() {}));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Thresholds seedThresholds() {
    return thresholdsFromSettings(SEED_SETTINGS_YAML);
  }

  static Resource resource(
      String id,
      ResourceKind kind,
      String size,
      String state,
      Instant createdAt,
      Map<String, String> tags,
      Map<String, String> attributes,
      List<String> dependsOn) {
    return new Resource(
        id, kind, "123456789012", "us-east-1", size, state, createdAt, tags, attributes, dependsOn);
  }

  static Resource instance(String id, String type) {
    return instance(id, type, Map.of());
  }

  static Resource instance(String id, String type, Map<String, String> tags) {
    return resource(
        id, ResourceKind.EC2_INSTANCE, type, "running", daysAgo(200), tags, Map.of(), List.of());
  }

  static Resource database(String id, String dbClass, int maxConnections, String replicaOf) {
    return resource(
        id,
        ResourceKind.RDS_INSTANCE,
        dbClass,
        "available",
        daysAgo(300),
        Map.of(),
        replicaOf == null
            ? Map.of("maxConnections", Integer.toString(maxConnections))
            : Map.of("maxConnections", Integer.toString(maxConnections), "replicaOf", replicaOf),
        replicaOf == null ? List.of() : List.of(replicaOf));
  }

  static Resource volume(String id, String size, String attachedTo) {
    return resource(
        id,
        ResourceKind.EBS_VOLUME,
        size,
        attachedTo == null ? "available" : "in-use",
        daysAgo(100),
        Map.of(),
        Map.of(),
        attachedTo == null ? List.of() : List.of(attachedTo));
  }

  static Instant daysAgo(long days) {
    return END.minus(Duration.ofDays(days));
  }

  /** {@code days} days of hourly samples ending at {@link #END}; hour 0 is the oldest. */
  static MetricSeries hourly(String id, String metric, int days, IntToDoubleFunction valueAtHour) {
    List<Double> values = new ArrayList<>(days * 24);
    for (int hour = 0; hour < days * 24; hour++) {
      values.add(valueAtHour.applyAsDouble(hour));
    }
    return new MetricSeries(id, metric, END.minus(Duration.ofDays(days)), 3600, values);
  }

  /** Hourly samples, constant within each day; {@code perDay[0]} is the oldest day. */
  static MetricSeries daily(String id, String metric, double... perDay) {
    return hourly(id, metric, perDay.length, hour -> perDay[hour / 24]);
  }

  /** Hourly samples spread so that each day's total is {@code perDay[day]}. */
  static MetricSeries dailyTotals(String id, String metric, double... perDay) {
    return hourly(id, metric, perDay.length, hour -> hour % 24 == 12 ? perDay[hour / 24] : 0);
  }

  static double[] repeat(double value, int days) {
    double[] values = new double[days];
    java.util.Arrays.fill(values, value);
    return values;
  }
}
