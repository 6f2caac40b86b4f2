package dev.flotilla.optimization;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns a resource and its metrics into utilization statistics and findings.
 *
 * <p>Days are counted back from the end of the resource's latest sample in 24-hour blocks, so the
 * most recent day is always complete. A day is <em>active</em> when its value reaches the
 * threshold: the day's highest sample for utilization metrics (CPU percent, connection percent),
 * the day's total for per-day counts (invocations, requests), because those thresholds are written
 * per day. A resource is idle when its most recent run of inactive days is at least {@code
 * idle_days_threshold} long; a day without samples ends the run, since missing data is not evidence
 * of idleness.
 *
 * <p>Confidence is half coverage (days of supporting data out of {@value #REFERENCE_DAYS}) and half
 * margin (how far below the threshold the supporting days stayed). For age-based findings it rises
 * from 0.5 at the threshold to 1 at four times the threshold.
 */
public final class UtilizationAnalyzer {

  /** Two weeks: long enough to see two weekly cycles, the window the sample metrics cover. */
  static final int REFERENCE_DAYS = 14;

  private static final long DAY_SECONDS = 86_400;

  private final Thresholds thresholds;
  private final Instant asOf;

  /**
   * @param thresholds the cycle's thresholds; names they lack fall back to the defaults
   * @param asOf the time the cycle runs, for ages of volumes, snapshots and buckets
   */
  public UtilizationAnalyzer(Thresholds thresholds, Instant asOf) {
    this.thresholds = thresholds == null ? Thresholds.defaults() : thresholds;
    this.asOf = asOf;
  }

  /**
   * Analyses one resource.
   *
   * @param series the resource's metric series; empty for kinds without metrics
   * @throws IllegalArgumentException if a series belongs to another resource
   */
  public ResourceAnalysis analyze(Resource resource, List<MetricSeries> series) {
    for (MetricSeries s : series) {
      if (!s.resourceId().equals(resource.id())) {
        throw new IllegalArgumentException(
            "series " + s.metric() + " of " + s.resourceId() + " given for " + resource.id());
      }
    }
    return switch (resource.kind()) {
      case EC2_INSTANCE, RDS_INSTANCE, LAMBDA_FUNCTION, LOAD_BALANCER ->
          analyzeMetrics(resource, series);
      case EBS_VOLUME -> ageOnly(resource, volumeFinding(resource));
      case EBS_SNAPSHOT -> ageOnly(resource, snapshotFinding(resource));
      case S3_BUCKET -> ageOnly(resource, bucketFinding(resource));
    };
  }

  private static ResourceAnalysis ageOnly(Resource resource, Finding finding) {
    return new ResourceAnalysis(
        resource, List.of(), finding == null ? List.of() : List.of(finding));
  }

  private ResourceAnalysis analyzeMetrics(Resource resource, List<MetricSeries> series) {
    long windowEnd = Long.MIN_VALUE;
    for (MetricSeries s : series) {
      windowEnd =
          Math.max(
              windowEnd, s.start().getEpochSecond() + (long) s.values().size() * s.stepSeconds());
    }
    List<SeriesSummary> summaries = new ArrayList<>(series.size());
    int days = 0;
    for (MetricSeries s : series) {
      SeriesSummary summary = new SeriesSummary(s, windowEnd, ruleFor(resource, s.metric()));
      summaries.add(summary);
      days = Math.max(days, summary.days());
    }

    List<UtilizationStats> stats = new ArrayList<>(summaries.size());
    for (SeriesSummary summary : summaries) {
      stats.add(summary.stats(days));
    }

    boolean[] hasData = new boolean[days];
    boolean[] active = new boolean[days];
    for (SeriesSummary summary : summaries) {
      if (summary.rule == null) {
        continue;
      }
      for (int day = 0; day < days; day++) {
        if (summary.hasData(day)) {
          hasData[day] = true;
          active[day] |= summary.activeOn(day);
        }
      }
    }
    int observedDays = 0;
    for (boolean has : hasData) {
      observedDays += has ? 1 : 0;
    }
    int idleDays = 0;
    while (idleDays < days && hasData[idleDays] && !active[idleDays]) {
      idleDays++;
    }

    List<Finding> findings = new ArrayList<>(1);
    String service = resource.kind().service();
    if (observedDays > 0 && idleDays >= thresholds.value(service, Thresholds.IDLE_DAYS)) {
      findings.add(idleFinding(resource, summaries, idleDays, observedDays));
    } else if (resource.kind() == ResourceKind.EC2_INSTANCE
        || resource.kind() == ResourceKind.RDS_INSTANCE) {
      Finding oversized = oversizedFinding(resource, summaries, observedDays);
      if (oversized != null) {
        findings.add(oversized);
      }
    }
    return new ResourceAnalysis(resource, stats, findings);
  }

  private Finding idleFinding(
      Resource resource, List<SeriesSummary> summaries, int idleDays, int observedDays) {
    List<String> limits = new ArrayList<>();
    List<String> peaks = new ArrayList<>();
    double margin = 1;
    for (SeriesSummary summary : summaries) {
      if (summary.rule == null) {
        continue;
      }
      double peak = summary.peakOver(idleDays);
      margin = Math.min(margin, 1 - summary.rule.normalized(peak) / summary.rule.threshold);
      limits.add(summary.rule.limitPhrase());
      peaks.add(summary.rule.peakPhrase(peak));
    }
    FindingType type =
        switch (resource.kind()) {
          case LAMBDA_FUNCTION -> FindingType.UNUSED_FUNCTION;
          case LOAD_BALANCER -> FindingType.IDLE_LOAD_BALANCER;
          default -> FindingType.IDLE;
        };
    String evidence =
        format(
            "%s on each of the last %d of %d days (highest on those days: %s)",
            String.join(" and ", limits), idleDays, observedDays, String.join(", ", peaks));
    double coverage = Math.min(1.0, idleDays / (double) REFERENCE_DAYS);
    return new Finding(
        resource.id(), resource.kind(), type, evidence, confidence(coverage, margin));
  }

  private Finding oversizedFinding(
      Resource resource, List<SeriesSummary> summaries, int observedDays) {
    String service = resource.kind().service();
    if (observedDays < thresholds.value(service, Thresholds.IDLE_DAYS)) {
      return null;
    }
    SeriesSummary cpu =
        summaries.stream()
            .filter(s -> s.series.metric().equals(MetricSeries.CPU_UTILIZATION) && s.samples > 0)
            .findFirst()
            .orElse(null);
    double limit = thresholds.value(service, Thresholds.RIGHTSIZE_P95_CPU);
    if (cpu == null || cpu.p95 >= limit) {
      return null;
    }
    String evidence =
        format(
            "CPUUtilization p95 %.1f%% is below %.1f%% over %d days (mean %.1f%%, max %.1f%%)",
            cpu.p95, limit, observedDays, cpu.mean, cpu.max);
    double coverage = Math.min(1.0, observedDays / (double) REFERENCE_DAYS);
    return new Finding(
        resource.id(),
        resource.kind(),
        FindingType.OVERSIZED,
        evidence,
        confidence(coverage, 1 - cpu.p95 / limit));
  }

  private Finding volumeFinding(Resource volume) {
    if (!"available".equals(volume.state())) {
      return null;
    }
    String lastAttached = volume.attribute("lastAttachedAt");
    Instant since = lastAttached == null ? volume.createdAt() : parseInstant(lastAttached);
    if (since == null) {
      return null;
    }
    long days = Duration.between(since, asOf).toDays();
    double threshold = thresholds.value("ebs", Thresholds.UNATTACHED_DAYS);
    if (days < threshold) {
      return null;
    }
    String evidence =
        format(
            "unattached for %d days (threshold %.0f) since %s; %s",
            days,
            threshold,
            lastAttached == null ? "it was created" : "it was last detached",
            describeVolumeSize(volume.size()));
    return new Finding(
        volume.id(),
        volume.kind(),
        FindingType.UNATTACHED,
        evidence,
        ageConfidence(days, threshold));
  }

  private Finding snapshotFinding(Resource snapshot) {
    long days = Duration.between(snapshot.createdAt(), asOf).toDays();
    double threshold = thresholds.value("ebs", Thresholds.SNAPSHOT_AGE_DAYS);
    if (days < threshold) {
      return null;
    }
    String stored = snapshot.attribute("storedGb");
    String evidence =
        format(
            "created %d days ago (threshold %.0f); %s GiB volume%s",
            days, threshold, snapshot.size(), stored == null ? "" : ", " + stored + " GiB stored");
    return new Finding(
        snapshot.id(),
        snapshot.kind(),
        FindingType.OLD_SNAPSHOT,
        evidence,
        ageConfidence(days, threshold));
  }

  private Finding bucketFinding(Resource bucket) {
    if (!"none".equals(bucket.attribute("lifecycle"))) {
      return null;
    }
    long days = Duration.between(bucket.createdAt(), asOf).toDays();
    double threshold = thresholds.value("s3", Thresholds.LIFECYCLE_AGE_DAYS);
    // A bucket younger than the rule's age holds no object the rule would move yet.
    if (days < threshold) {
      return null;
    }
    String evidence =
        format(
            "no lifecycle rule; %s GiB in %s; bucket created %d days ago (threshold %.0f)",
            bucket.attribute("sizeGb") == null ? "unknown" : bucket.attribute("sizeGb"),
            bucket.attribute("storageClass") == null
                ? "STANDARD"
                : bucket.attribute("storageClass"),
            days,
            threshold);
    // Without access logs nobody can say which objects are cold, so never claim more than 0.6.
    return new Finding(
        bucket.id(),
        bucket.kind(),
        FindingType.NO_LIFECYCLE_POLICY,
        evidence,
        Math.min(0.6, ageConfidence(days, threshold)));
  }

  private ActivityRule ruleFor(Resource resource, String metric) {
    String service = resource.kind().service();
    return switch (resource.kind()) {
      case EC2_INSTANCE, RDS_INSTANCE -> {
        if (metric.equals(MetricSeries.CPU_UTILIZATION)) {
          yield ActivityRule.percent(metric, thresholds.value(service, Thresholds.CPU_UTILIZATION));
        }
        if (resource.kind() == ResourceKind.RDS_INSTANCE
            && metric.equals(MetricSeries.DATABASE_CONNECTIONS)) {
          Integer maxConnections = parsePositiveInt(resource.attribute("maxConnections"));
          yield maxConnections == null
              // Without max_connections any connection counts as use: the cautious reading.
              ? ActivityRule.count(metric, 1, false)
              : ActivityRule.connections(
                  thresholds.value(service, Thresholds.CONNECTION_UTILIZATION), maxConnections);
        }
        yield null;
      }
      case LAMBDA_FUNCTION ->
          metric.equals(MetricSeries.INVOCATIONS)
              ? ActivityRule.count(
                  metric, thresholds.value(service, Thresholds.INVOCATIONS_PER_DAY), true)
              : null;
      case LOAD_BALANCER ->
          metric.equals(MetricSeries.REQUEST_COUNT)
              ? ActivityRule.count(
                  metric, thresholds.value(service, Thresholds.REQUESTS_PER_DAY), true)
              : null;
      default -> null;
    };
  }

  /** How a metric's daily value is formed and compared with its threshold. */
  private record ActivityRule(
      String metric, double threshold, boolean dailyTotal, double maxConnections, Kind kind) {

    enum Kind {
      PERCENT,
      CONNECTIONS,
      COUNT
    }

    static ActivityRule percent(String metric, double threshold) {
      return new ActivityRule(metric, threshold, false, 0, Kind.PERCENT);
    }

    static ActivityRule connections(double thresholdPercent, int maxConnections) {
      return new ActivityRule(
          MetricSeries.DATABASE_CONNECTIONS,
          thresholdPercent,
          false,
          maxConnections,
          Kind.CONNECTIONS);
    }

    static ActivityRule count(String metric, double threshold, boolean dailyTotal) {
      return new ActivityRule(metric, threshold, dailyTotal, 0, Kind.COUNT);
    }

    /** The day's value in the threshold's unit. */
    double normalized(double dayValue) {
      return kind == Kind.CONNECTIONS ? dayValue * 100 / maxConnections : dayValue;
    }

    String limitPhrase() {
      return switch (kind) {
        case PERCENT -> format("%s below %.1f%%", metric, threshold);
        case CONNECTIONS -> format("%s below %.1f%% of %.0f", metric, threshold, maxConnections);
        case COUNT ->
            dailyTotal
                ? format("%s below %s a day", metric, number(threshold))
                : format("%s below %s", metric, number(threshold));
      };
    }

    String peakPhrase(double peak) {
      return switch (kind) {
        case PERCENT -> format("%s %.1f%%", metric, peak);
        case CONNECTIONS -> format("%s %s", metric, number(peak));
        case COUNT -> format("%s %s%s", metric, number(peak), dailyTotal ? " a day" : "");
      };
    }
  }

  /** One series cut into days counted back from the window's end. */
  private static final class SeriesSummary {
    final MetricSeries series;
    final ActivityRule rule;
    final double[] dayMax;
    final double[] dayTotal;
    final boolean[] dayHasData;
    final int samples;
    final double mean;
    final double p95;
    final double max;

    SeriesSummary(MetricSeries series, long windowEnd, ActivityRule rule) {
      this.series = series;
      this.rule = rule;
      List<Double> values = series.values();
      long start = series.start().getEpochSecond();
      int step = series.stepSeconds();
      int days = values.isEmpty() ? 0 : (int) ((windowEnd - (start + step)) / DAY_SECONDS) + 1;
      dayMax = new double[days];
      dayTotal = new double[days];
      dayHasData = new boolean[days];
      Arrays.fill(dayMax, Double.NEGATIVE_INFINITY);
      double[] present = new double[values.size()];
      int count = 0;
      double sum = 0;
      for (int i = 0; i < values.size(); i++) {
        Double value = values.get(i);
        if (value == null || !Double.isFinite(value)) {
          continue;
        }
        long sampleEnd = start + (long) (i + 1) * step;
        int day = (int) ((windowEnd - sampleEnd) / DAY_SECONDS);
        dayHasData[day] = true;
        dayMax[day] = Math.max(dayMax[day], value);
        dayTotal[day] += value;
        present[count++] = value;
        sum += value;
      }
      samples = count;
      if (count == 0) {
        mean = 0;
        p95 = 0;
        max = 0;
      } else {
        Arrays.sort(present, 0, count);
        mean = sum / count;
        // Nearest rank: the smallest value with at least 95% of samples at or below it.
        p95 = present[(int) Math.ceil(0.95 * count) - 1];
        max = present[count - 1];
      }
    }

    int days() {
      return dayHasData.length;
    }

    boolean hasData(int day) {
      return day < dayHasData.length && dayHasData[day];
    }

    double dayValue(int day) {
      return rule != null && rule.dailyTotal ? dayTotal[day] : dayMax[day];
    }

    boolean activeOn(int day) {
      return hasData(day) && rule.normalized(dayValue(day)) >= rule.threshold;
    }

    /** The highest daily value over the most recent {@code days} days that have data. */
    double peakOver(int days) {
      double peak = 0;
      for (int day = 0; day < days && day < dayHasData.length; day++) {
        if (dayHasData[day]) {
          peak = Math.max(peak, dayValue(day));
        }
      }
      return peak;
    }

    UtilizationStats stats(int windowDays) {
      int activeDays = 0;
      for (int day = 0; day < Math.min(windowDays, dayHasData.length); day++) {
        if (rule == null ? hasData(day) && dayMax[day] > 0 : activeOn(day)) {
          activeDays++;
        }
      }
      return new UtilizationStats(
          series.resourceId(), series.metric(), mean, p95, max, activeDays, samples);
    }
  }

  /** Half coverage, half margin, rounded to hundredths so evidence and tests read cleanly. */
  static double confidence(double coverage, double margin) {
    return round2(0.5 * clamp01(coverage) + 0.5 * clamp01(margin));
  }

  /** 0.5 at the threshold, rising to 1 at four times the threshold. */
  static double ageConfidence(double days, double threshold) {
    if (threshold <= 0) {
      return 1;
    }
    return round2(clamp01(0.5 + 0.5 * (days - threshold) / (3 * threshold)));
  }

  private static double clamp01(double value) {
    return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
  }

  private static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static String describeVolumeSize(String size) {
    if (size == null) {
      return "size unknown";
    }
    int colon = size.indexOf(':');
    return colon < 0 ? size : size.substring(0, colon) + " " + size.substring(colon + 1) + " GiB";
  }

  private static Instant parseInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Integer parsePositiveInt(String text) {
    if (text == null) {
      return null;
    }
    try {
      int value = Integer.parseInt(text.trim());
      return value > 0 ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : format("%.1f", value);
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
