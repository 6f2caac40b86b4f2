package dev.flotilla.optimization;

import static dev.flotilla.optimization.Fixtures.daily;
import static dev.flotilla.optimization.Fixtures.dailyTotals;
import static dev.flotilla.optimization.Fixtures.daysAgo;
import static dev.flotilla.optimization.Fixtures.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UtilizationAnalyzerTest {

  private final UtilizationAnalyzer analyzer =
      new UtilizationAnalyzer(Fixtures.seedThresholds(), Fixtures.END);

  @Test
  void instanceUnderTheCpuThresholdAllWindowIsIdle() {
    Resource instance = Fixtures.instance("i-idle", "m5.xlarge");

    ResourceAnalysis analysis =
        analyzer.analyze(
            instance, List.of(daily("i-idle", MetricSeries.CPU_UTILIZATION, repeat(1.5, 14))));

    assertThat(analysis.findings())
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.type()).isEqualTo(FindingType.IDLE);
              assertThat(finding.kind()).isEqualTo(ResourceKind.EC2_INSTANCE);
              assertThat(finding.evidence())
                  .isEqualTo(
                      "CPUUtilization below 5.0% on each of the last 14 of 14 days"
                          + " (highest on those days: CPUUtilization 1.5%)");
              // Full coverage, margin 1 - 1.5/5 = 0.7.
              assertThat(finding.confidence()).isEqualTo(0.85);
            });
    assertThat(analysis.stats())
        .singleElement()
        .satisfies(
            stats -> {
              assertThat(stats.activeDays()).isZero();
              assertThat(stats.samples()).isEqualTo(336);
              assertThat(stats.mean()).isEqualTo(1.5);
              assertThat(stats.p95()).isEqualTo(1.5);
              assertThat(stats.max()).isEqualTo(1.5);
            });
  }

  @Test
  void instanceWithLowButSteadyUseIsOversized() {
    Resource instance = Fixtures.instance("i-big", "m5.2xlarge");
    // Twenty hours at 10%, four peak hours at 25%: p95 is 25%.
    MetricSeries cpu =
        Fixtures.hourly("i-big", MetricSeries.CPU_UTILIZATION, 14, h -> h % 24 < 4 ? 25 : 10);

    ResourceAnalysis analysis = analyzer.analyze(instance, List.of(cpu));

    assertThat(analysis.findings())
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.type()).isEqualTo(FindingType.OVERSIZED);
              assertThat(finding.evidence())
                  .startsWith("CPUUtilization p95 25.0% is below 40.0% over 14 days");
              // Full coverage, margin 1 - 25/40 = 0.375.
              assertThat(finding.confidence()).isEqualTo(0.69);
            });
    assertThat(analysis.stats().get(0).activeDays()).isEqualTo(14);
  }

  @Test
  void busyInstanceHasNoFinding() {
    Resource instance = Fixtures.instance("i-busy", "c5.xlarge");
    MetricSeries cpu =
        Fixtures.hourly("i-busy", MetricSeries.CPU_UTILIZATION, 14, h -> 40 + 30 * Math.sin(h));

    ResourceAnalysis analysis = analyzer.analyze(instance, List.of(cpu));

    assertThat(analysis.findings()).isEmpty();
    assertThat(analysis.stats().get(0).activeDays()).isEqualTo(14);
    assertThat(analysis.stats().get(0).p95()).isGreaterThan(40);
  }

  @Test
  void instanceIdleOnlyLatelyIsIdleForItsTrailingDays() {
    double[] days = repeat(1.0, 14);
    for (int day = 0; day < 5; day++) {
      days[day] = 60;
    }
    Resource instance = Fixtures.instance("i-late", "m5.large");

    ResourceAnalysis analysis =
        analyzer.analyze(instance, List.of(daily("i-late", MetricSeries.CPU_UTILIZATION, days)));

    assertThat(analysis.findings())
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.type()).isEqualTo(FindingType.IDLE);
              assertThat(finding.evidence()).contains("on each of the last 9 of 14 days");
              assertThat(finding.evidence()).contains("CPUUtilization 1.0%");
            });
    assertThat(analysis.stats().get(0).activeDays()).isEqualTo(5);
  }

  @Test
  void idleStretchShorterThanTheIdleDaysThresholdIsNotIdle() {
    double[] days = repeat(60, 14);
    for (int day = 8; day < 14; day++) {
      days[day] = 1;
    }
    Resource instance = Fixtures.instance("i-short", "m5.large");

    ResourceAnalysis analysis =
        analyzer.analyze(instance, List.of(daily("i-short", MetricSeries.CPU_UTILIZATION, days)));

    assertThat(analysis.findings()).noneMatch(f -> f.type() == FindingType.IDLE);
  }

  @Test
  void aSingleHourAtTheThresholdMakesTheDayActive() {
    Resource instance = Fixtures.instance("i-spike", "m5.large");
    // Idle but for one hour at exactly 5% three days before the end.
    int spikeHour = 11 * 24 + 3;
    MetricSeries cpu =
        Fixtures.hourly(
            "i-spike", MetricSeries.CPU_UTILIZATION, 14, h -> h == spikeHour ? 5.0 : 1.0);

    ResourceAnalysis analysis = analyzer.analyze(instance, List.of(cpu));

    assertThat(analysis.stats().get(0).activeDays()).isEqualTo(1);
    // Only the last 2 days are idle in a row, under the 7 the seed settings ask for.
    assertThat(analysis.findings()).noneMatch(f -> f.type() == FindingType.IDLE);
  }

  @Test
  void confidenceGrowsWithDaysOfDataAndDistanceBelowTheThreshold() {
    double week = idleConfidence(repeat(1.0, 7));
    double twoWeeks = idleConfidence(repeat(1.0, 14));
    double twoWeeksNearThreshold = idleConfidence(repeat(4.5, 14));
    double twoWeeksAtZero = idleConfidence(repeat(0.0, 14));

    assertThat(week).isLessThan(twoWeeks);
    assertThat(twoWeeksNearThreshold).isLessThan(twoWeeks);
    assertThat(twoWeeksAtZero).isEqualTo(1.0);
    assertThat(week).isEqualTo(0.65);
  }

  @Test
  void gapsEndTheIdleRunBecauseMissingDataIsNoEvidence() {
    List<Double> values = new ArrayList<>(Collections.nCopies(14 * 24, 1.0));
    // Day 10 (counting from the oldest) has no datapoints at all.
    for (int hour = 10 * 24; hour < 11 * 24; hour++) {
      values.set(hour, null);
    }
    MetricSeries cpu =
        new MetricSeries("i-gap", MetricSeries.CPU_UTILIZATION, daysAgo(14), 3600, values);

    ResourceAnalysis analysis =
        analyzer.analyze(Fixtures.instance("i-gap", "m5.large"), List.of(cpu));

    assertThat(analysis.stats().get(0).samples()).isEqualTo(13 * 24);
    assertThat(analysis.findings()).noneMatch(f -> f.type() == FindingType.IDLE);
  }

  @Test
  void thresholdsFromSettingsDecideWhatIdleMeans() {
    Resource instance = Fixtures.instance("i-low", "m5.large");
    List<MetricSeries> cpu = List.of(daily("i-low", MetricSeries.CPU_UTILIZATION, repeat(3.0, 14)));
    Thresholds stricter =
        Fixtures.seedThresholds()
            .merge(new Thresholds(Map.of("ec2", Map.of(Thresholds.CPU_UTILIZATION, 2.0))));

    assertThat(analyzer.analyze(instance, cpu).findings())
        .extracting(Finding::type)
        .containsExactly(FindingType.IDLE);
    assertThat(new UtilizationAnalyzer(stricter, Fixtures.END).analyze(instance, cpu).findings())
        .extracting(Finding::type)
        .containsExactly(FindingType.OVERSIZED);
  }

  @Test
  void databaseIsIdleOnlyWhenCpuAndConnectionsAreBothUnderTheirThresholds() {
    Resource database = Fixtures.database("db-1", "db.m5.large", 900, null);
    MetricSeries lowCpu = daily("db-1", MetricSeries.CPU_UTILIZATION, repeat(4.0, 14));

    ResourceAnalysis quiet =
        analyzer.analyze(
            database,
            List.of(lowCpu, daily("db-1", MetricSeries.DATABASE_CONNECTIONS, repeat(9, 14))));
    // 200 of 900 connections is 22%, over the seed's 20%.
    ResourceAnalysis connected =
        analyzer.analyze(
            database,
            List.of(lowCpu, daily("db-1", MetricSeries.DATABASE_CONNECTIONS, repeat(200, 14))));

    assertThat(quiet.findings())
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.type()).isEqualTo(FindingType.IDLE);
              assertThat(finding.evidence())
                  .isEqualTo(
                      "CPUUtilization below 10.0% and DatabaseConnections below 20.0% of 900 on each of"
                          + " the last 14 of 14 days (highest on those days: CPUUtilization 4.0%,"
                          + " DatabaseConnections 9)");
              // Margins: CPU 1 - 4/10 = 0.6, connections 1 - 1%/20% = 0.95; the smaller counts.
              assertThat(finding.confidence()).isEqualTo(0.8);
            });
    assertThat(connected.findings()).extracting(Finding::type).doesNotContain(FindingType.IDLE);
    assertThat(connected.stats().get(1).activeDays()).isEqualTo(14);
  }

  @Test
  void unattachedVolumeOlderThanTheThresholdIsFound() {
    Resource volume =
        Fixtures.resource(
            "vol-1",
            ResourceKind.EBS_VOLUME,
            "gp2:500",
            "available",
            daysAgo(300),
            Map.of(),
            Map.of("lastAttachedAt", daysAgo(35).toString()),
            List.of());

    assertThat(analyzer.analyze(volume, List.of()).findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.type()).isEqualTo(FindingType.UNATTACHED);
              assertThat(f.evidence())
                  .isEqualTo(
                      "unattached for 35 days (threshold 7) since it was last detached; gp2 500 GiB");
              assertThat(f.confidence()).isEqualTo(1.0);
            });
  }

  @Test
  void recentlyDetachedOrAttachedVolumeIsNotFound() {
    Resource detached =
        Fixtures.resource(
            "vol-2",
            ResourceKind.EBS_VOLUME,
            "gp3:50",
            "available",
            daysAgo(300),
            Map.of(),
            Map.of("lastAttachedAt", daysAgo(3).toString()),
            List.of());
    Resource attached = Fixtures.volume("vol-3", "gp3:50", "i-1");

    assertThat(analyzer.analyze(detached, List.of()).findings()).isEmpty();
    assertThat(analyzer.analyze(attached, List.of()).findings()).isEmpty();
  }

  @Test
  void snapshotOlderThanTheAgeThresholdIsOld() {
    Resource old =
        Fixtures.resource(
            "snap-1",
            ResourceKind.EBS_SNAPSHOT,
            "100",
            "completed",
            daysAgo(180),
            Map.of(),
            Map.of("storedGb", "34"),
            List.of());
    Resource young =
        Fixtures.resource(
            "snap-2",
            ResourceKind.EBS_SNAPSHOT,
            "100",
            "completed",
            daysAgo(30),
            Map.of(),
            Map.of(),
            List.of());

    assertThat(analyzer.analyze(old, List.of()).findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.type()).isEqualTo(FindingType.OLD_SNAPSHOT);
              assertThat(f.evidence())
                  .isEqualTo("created 180 days ago (threshold 90); 100 GiB volume, 34 GiB stored");
              // 0.5 + 0.5 * (180 - 90) / 270.
              assertThat(f.confidence()).isEqualTo(0.67);
            });
    assertThat(analyzer.analyze(young, List.of()).findings()).isEmpty();
  }

  @Test
  void bucketWithoutLifecycleRuleIsFoundWithModestConfidence() {
    Resource bucket =
        Fixtures.resource(
            "logs",
            ResourceKind.S3_BUCKET,
            null,
            "available",
            daysAgo(400),
            Map.of(),
            Map.of("lifecycle", "none", "sizeGb", "1200"),
            List.of());
    Resource ruled =
        Fixtures.resource(
            "ruled",
            ResourceKind.S3_BUCKET,
            null,
            "available",
            daysAgo(400),
            Map.of(),
            Map.of("lifecycle", "configured", "sizeGb", "1200"),
            List.of());

    assertThat(analyzer.analyze(bucket, List.of()).findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.type()).isEqualTo(FindingType.NO_LIFECYCLE_POLICY);
              assertThat(f.evidence())
                  .contains("1200 GiB in STANDARD")
                  .contains("bucket created 400 days ago (threshold 30)");
              assertThat(f.confidence()).isEqualTo(0.6);
            });
    assertThat(analyzer.analyze(ruled, List.of()).findings()).isEmpty();
  }

  @Test
  void functionWithoutInvocationsForTwoWeeksIsUnused() {
    Resource function =
        Fixtures.resource(
            "fn-old",
            ResourceKind.LAMBDA_FUNCTION,
            "512",
            "Active",
            daysAgo(300),
            Map.of(),
            Map.of(),
            List.of());

    ResourceAnalysis analysis =
        analyzer.analyze(
            function, List.of(dailyTotals("fn-old", MetricSeries.INVOCATIONS, repeat(0, 14))));

    assertThat(analysis.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.type()).isEqualTo(FindingType.UNUSED_FUNCTION);
              assertThat(f.evidence())
                  .isEqualTo(
                      "Invocations below 1 a day on each of the last 14 of 14 days"
                          + " (highest on those days: Invocations 0 a day)");
            });
  }

  @Test
  void functionCalledOnceADayIsUsed() {
    Resource function =
        Fixtures.resource(
            "fn-cron",
            ResourceKind.LAMBDA_FUNCTION,
            "128",
            "Active",
            daysAgo(300),
            Map.of(),
            Map.of(),
            List.of());

    ResourceAnalysis analysis =
        analyzer.analyze(
            function, List.of(dailyTotals("fn-cron", MetricSeries.INVOCATIONS, repeat(1, 14))));

    assertThat(analysis.findings()).isEmpty();
    assertThat(analysis.stats().get(0).activeDays()).isEqualTo(14);
  }

  @Test
  void loadBalancerWithAFewStrayRequestsADayIsIdle() {
    Resource loadBalancer =
        Fixtures.resource(
            "app/web/1",
            ResourceKind.LOAD_BALANCER,
            null,
            "active",
            daysAgo(300),
            Map.of(),
            Map.of(),
            List.of("i-1", "i-2"));
    double[] perDay = repeat(3, 14);
    perDay[0] = 500;

    ResourceAnalysis analysis =
        analyzer.analyze(
            loadBalancer, List.of(dailyTotals("app/web/1", MetricSeries.REQUEST_COUNT, perDay)));

    assertThat(analysis.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.type()).isEqualTo(FindingType.IDLE_LOAD_BALANCER);
              assertThat(f.evidence())
                  .contains("RequestCount below 10 a day on each of the last 13 of 14 days");
              // Coverage 13/14, margin 1 - 3/10.
              assertThat(f.confidence()).isEqualTo(0.81);
            });
  }

  @Test
  void seriesOfAnotherResourceIsRefused() {
    Resource instance = Fixtures.instance("i-1", "m5.large");

    assertThatThrownBy(
            () ->
                analyzer.analyze(
                    instance, List.of(daily("i-2", MetricSeries.CPU_UTILIZATION, repeat(1, 14)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("i-2");
  }

  private double idleConfidence(double[] perDay) {
    Resource instance = Fixtures.instance("i-c", "m5.large");
    return analyzer
        .analyze(instance, List.of(daily("i-c", MetricSeries.CPU_UTILIZATION, perDay)))
        .findings()
        .get(0)
        .confidence();
  }
}
