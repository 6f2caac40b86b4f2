package dev.flotilla.optimization;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Turns findings into recommendations with an estimated monthly saving at list price.
 *
 * <p>Decisions worth knowing:
 *
 * <ul>
 *   <li>An idle EC2 instance is terminated only when it was idle for the whole window and is not
 *       tagged {@code keep=true}; otherwise it is stopped.
 *   <li>An idle RDS primary is stopped. RDS cannot stop a read replica, so an idle replica is
 *       deleted instead ({@link RecommendationAction#TERMINATE_INSTANCE}); it can be recreated from
 *       its primary. RDS also cannot stop a primary that still has replicas, which is why
 *       dependency grouping puts replicas first.
 *   <li>Oversized instances and DB classes go one size down in the same family; the saving is the
 *       hourly difference times 730 hours.
 *   <li>A bucket without a lifecycle rule is assumed to hold {@value #S3_COLD_FRACTION} of its
 *       bytes in objects nobody reads after the rule's age, which the rule moves to STANDARD_IA.
 *       Retrieval fees, the 128 KiB minimum object charge and transition requests are left out; the
 *       assumption is in the rationale so an approver can discount it.
 *   <li>An unused Lambda function costs nothing while idle, so deleting it saves $0. It is still
 *       recommended, for hygiene (fewer runtimes to patch, less to secure), with confidence capped
 *       at {@value #LAMBDA_CONFIDENCE_CAP} because a two-week window cannot see monthly jobs.
 *   <li>{@code keep=true} blocks every delete and terminate; only stopping an instance is still
 *       proposed.
 * </ul>
 */
public final class Recommender {

  /** Share of a bucket's bytes assumed cold once older than the lifecycle age. */
  public static final double S3_COLD_FRACTION = 0.4;

  public static final double LAMBDA_CONFIDENCE_CAP = 0.5;

  private final PriceTable prices;
  private final Thresholds thresholds;

  public Recommender(PriceTable prices) {
    this(prices, Thresholds.defaults());
  }

  /** {@code thresholds} gives the lifecycle age a proposed S3 rule transitions at. */
  public Recommender(PriceTable prices, Thresholds thresholds) {
    this.prices = prices;
    this.thresholds = thresholds == null ? Thresholds.defaults() : thresholds;
  }

  public List<Recommendation> recommend(ResourceAnalysis analysis) {
    return recommend(analysis.resource(), analysis.findings(), analysis.stats());
  }

  /**
   * Recommendations for one resource; at most one per finding, none for findings that call for no
   * action (a protected resource, a size with no smaller sibling or no known price).
   *
   * @param stats the resource's utilization statistics; used to tell "idle all window" apart
   */
  public List<Recommendation> recommend(
      Resource resource, List<Finding> findings, List<UtilizationStats> stats) {
    List<Recommendation> recommendations = new ArrayList<>(findings.size());
    for (Finding finding : findings) {
      if (!finding.resourceId().equals(resource.id())) {
        continue;
      }
      Recommendation recommendation =
          switch (finding.type()) {
            case IDLE -> idle(resource, finding, stats);
            case OVERSIZED -> rightsize(resource, finding, stats);
            case UNATTACHED -> deleteVolume(resource, finding);
            case OLD_SNAPSHOT -> deleteSnapshot(resource, finding);
            case NO_LIFECYCLE_POLICY -> lifecycleRule(resource, finding);
            case UNUSED_FUNCTION -> deleteFunction(resource, finding);
            case IDLE_LOAD_BALANCER -> deleteLoadBalancer(resource, finding);
          };
      if (recommendation != null) {
        recommendations.add(recommendation);
      }
    }
    return recommendations;
  }

  private Recommendation idle(Resource resource, Finding finding, List<UtilizationStats> stats) {
    OptionalDouble hourly = prices.hourly(resource.kind(), resource.size());
    double savings = hourly.isPresent() ? hourly.getAsDouble() * prices.hoursPerMonth() : 0;
    String price = hourlyPrice(resource.size(), hourly);
    if (resource.kind() == ResourceKind.EC2_INSTANCE) {
      boolean idleAllWindow =
          stats.stream()
              .filter(s -> s.metric().equals(MetricSeries.CPU_UTILIZATION))
              .anyMatch(s -> s.samples() > 0 && s.activeDays() == 0);
      boolean terminate = idleAllWindow && !resource.keep();
      String why =
          terminate
              ? "idle for the whole window and not tagged keep=true, so terminate"
              : resource.keep()
                  ? "tagged keep=true, so stop rather than terminate"
                  : "active earlier in the window, so stop rather than terminate";
      return recommendation(
          resource,
          terminate ? RecommendationAction.TERMINATE_INSTANCE : RecommendationAction.STOP_INSTANCE,
          resource.size(),
          null,
          savings,
          finding.evidence() + "; " + why + "; " + price,
          finding.confidence());
    }
    if (resource.kind() == ResourceKind.RDS_INSTANCE) {
      if (resource.attribute("replicaOf") != null) {
        if (resource.keep()) {
          return null;
        }
        return recommendation(
            resource,
            RecommendationAction.TERMINATE_INSTANCE,
            resource.size(),
            null,
            savings,
            finding.evidence()
                + "; read replica of "
                + resource.attribute("replicaOf")
                + ", which RDS cannot stop, so delete it (it can be recreated from the primary); "
                + price,
            finding.confidence());
      }
      return recommendation(
          resource,
          RecommendationAction.STOP_INSTANCE,
          resource.size(),
          null,
          savings,
          finding.evidence()
              + "; "
              + price
              + " (RDS restarts a stopped DB after 7 days: stop it again or snapshot and delete"
              + " it to keep the saving)",
          finding.confidence());
    }
    return null;
  }

  private Recommendation rightsize(
      Resource resource, Finding finding, List<UtilizationStats> stats) {
    if (resource.kind() != ResourceKind.EC2_INSTANCE
        && resource.kind() != ResourceKind.RDS_INSTANCE) {
      return null;
    }
    String smaller = prices.nextSmallerSize(resource.size()).orElse(null);
    if (smaller == null) {
      return null;
    }
    OptionalDouble current = prices.hourly(resource.kind(), resource.size());
    OptionalDouble proposed = prices.hourly(resource.kind(), smaller);
    if (current.isEmpty() || proposed.isEmpty()) {
      return null;
    }
    double hourlyDifference = current.getAsDouble() - proposed.getAsDouble();
    String expected =
        stats.stream()
            .filter(s -> s.metric().equals(MetricSeries.CPU_UTILIZATION) && s.samples() > 0)
            .findFirst()
            .map(s -> format("p95 CPU would be about %.1f%% on %s", 2 * s.p95(), smaller))
            .orElse("one size down halves the vCPUs");
    return recommendation(
        resource,
        RecommendationAction.RIGHTSIZE,
        resource.size(),
        smaller,
        hourlyDifference * prices.hoursPerMonth(),
        format(
            "%s; %s; %s $%.4f/h -> %s $%.4f/h, saving $%.4f/h",
            finding.evidence(),
            expected,
            resource.size(),
            current.getAsDouble(),
            smaller,
            proposed.getAsDouble(),
            hourlyDifference),
        finding.confidence());
  }

  private Recommendation deleteVolume(Resource volume, Finding finding) {
    if (volume.keep() || volume.size() == null) {
      return null;
    }
    int colon = volume.size().indexOf(':');
    if (colon < 0) {
      return null;
    }
    String type = volume.size().substring(0, colon);
    double gib;
    try {
      gib = Double.parseDouble(volume.size().substring(colon + 1));
    } catch (NumberFormatException e) {
      return null;
    }
    OptionalDouble perGb = prices.ebsGbMonth(type);
    double savings = perGb.orElse(0) * gib;
    String price =
        perGb.isPresent()
            ? format("%.0f GiB at $%.3f/GB-month", gib, perGb.getAsDouble())
            : "no price for " + type;
    String iops = volume.attribute("iops");
    if ("io1".equals(type) && iops != null) {
      try {
        double provisioned = Double.parseDouble(iops);
        savings += provisioned * prices.ebsIo1IopsMonth();
        price +=
            format(" plus %.0f IOPS at $%.3f/IOPS-month", provisioned, prices.ebsIo1IopsMonth());
      } catch (NumberFormatException e) {
        // An unreadable IOPS figure only leaves that part of the saving out.
      }
    }
    return recommendation(
        volume,
        RecommendationAction.DELETE_VOLUME,
        volume.size(),
        null,
        savings,
        finding.evidence() + "; " + price,
        finding.confidence());
  }

  private Recommendation deleteSnapshot(Resource snapshot, Finding finding) {
    if (snapshot.keep()) {
      return null;
    }
    // Billed bytes are the snapshot's changed blocks; without that figure the volume size is an
    // upper bound.
    Double gb = parseDouble(snapshot.attribute("storedGb"));
    String basis = "GiB stored";
    if (gb == null) {
      gb = parseDouble(snapshot.size());
      basis = "GiB volume size, an upper bound";
    }
    double savings = gb == null ? 0 : gb * prices.snapshotGbMonth();
    return recommendation(
        snapshot,
        RecommendationAction.DELETE_SNAPSHOT,
        null,
        null,
        savings,
        format(
            "%s; %s %s at $%.3f/GB-month",
            finding.evidence(),
            gb == null ? "unknown" : format("%.0f", gb),
            basis,
            prices.snapshotGbMonth()),
        finding.confidence());
  }

  private Recommendation lifecycleRule(Resource bucket, Finding finding) {
    double standard = prices.s3GbMonth("STANDARD").orElse(0);
    double infrequent = prices.s3GbMonth("STANDARD_IA").orElse(standard);
    Double sizeGb = parseDouble(bucket.attribute("sizeGb"));
    double gb = sizeGb == null ? 0 : sizeGb;
    double ageDays = thresholds.value("s3", Thresholds.LIFECYCLE_AGE_DAYS);
    return recommendation(
        bucket,
        RecommendationAction.ADD_S3_LIFECYCLE_RULE,
        "STANDARD",
        format("STANDARD_IA after %.0f days", ageDays),
        gb * S3_COLD_FRACTION * (standard - infrequent),
        format(
            "%s; assumes %.0f%% of %.0f GiB is cold and moves from $%.4f to $%.4f/GB-month"
                + " (retrieval fees not counted)",
            finding.evidence(), S3_COLD_FRACTION * 100, gb, standard, infrequent),
        finding.confidence());
  }

  private Recommendation deleteFunction(Resource function, Finding finding) {
    if (function.keep()) {
      return null;
    }
    return recommendation(
        function,
        RecommendationAction.DELETE_FUNCTION,
        function.size(),
        null,
        0,
        finding.evidence()
            + "; Lambda bills per use, so this saves nothing: delete for hygiene once the owner"
            + " confirms it is not a monthly or yearly job",
        Math.min(LAMBDA_CONFIDENCE_CAP, finding.confidence()));
  }

  private Recommendation deleteLoadBalancer(Resource loadBalancer, Finding finding) {
    if (loadBalancer.keep()) {
      return null;
    }
    return recommendation(
        loadBalancer,
        RecommendationAction.DELETE_LOAD_BALANCER,
        null,
        null,
        prices.albHourly() * prices.hoursPerMonth(),
        format(
            "%s; ALB at $%.4f/h, capacity units not counted",
            finding.evidence(), prices.albHourly()),
        finding.confidence());
  }

  private Recommendation recommendation(
      Resource resource,
      RecommendationAction action,
      String currentSize,
      String proposedSize,
      double monthlySavings,
      String rationale,
      double confidence) {
    return new Recommendation(
        Recommendation.idFor(action, resource.id()),
        resource.id(),
        resource.kind(),
        action,
        currentSize,
        proposedSize,
        cents(monthlySavings),
        rationale,
        confidence,
        resource.dependsOn());
  }

  private String hourlyPrice(String size, OptionalDouble hourly) {
    return hourly.isPresent()
        ? format(
            "saves $%.2f/month at $%.4f/h (%s)",
            hourly.getAsDouble() * prices.hoursPerMonth(), hourly.getAsDouble(), size)
        : "no list price for " + size + ", saving not estimated";
  }

  /** Rounded half-up on the double's shortest decimal form, so 4.199999999999999 becomes 4.20. */
  static double cents(double amount) {
    return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP).doubleValue();
  }

  private static Double parseDouble(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
