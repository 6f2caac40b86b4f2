package dev.flotilla.optimization;

import static dev.flotilla.optimization.Fixtures.daily;
import static dev.flotilla.optimization.Fixtures.daysAgo;
import static dev.flotilla.optimization.Fixtures.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommenderTest {

  private final PriceTable prices = PriceTable.bundled();
  private final Recommender recommender = new Recommender(prices);
  private final UtilizationAnalyzer analyzer =
      new UtilizationAnalyzer(Fixtures.seedThresholds(), Fixtures.END);

  @Test
  void idleInstanceIsRecommendedForStop() {
    double[] days = repeat(1.0, 14);
    days[0] = 70;
    Resource instance = Fixtures.instance("i-1", "m5.xlarge");

    Recommendation recommendation =
        only(instance, daily("i-1", MetricSeries.CPU_UTILIZATION, days));

    assertThat(recommendation.action()).isEqualTo(RecommendationAction.STOP_INSTANCE);
    assertThat(recommendation.id()).isEqualTo("STOP_INSTANCE:i-1");
    assertThat(recommendation.currentSize()).isEqualTo("m5.xlarge");
    // 0.192 $/h * 730 h.
    assertThat(recommendation.estimatedMonthlySavingsUsd()).isEqualTo(140.16);
    assertThat(recommendation.rationale())
        .contains("last 13 of 14 days")
        .contains("active earlier in the window, so stop rather than terminate")
        .contains("saves $140.16/month at $0.1920/h (m5.xlarge)")
        .doesNotContain("\n");
  }

  @Test
  void instanceIdleTheWholeWindowIsRecommendedForTermination() {
    Resource instance = Fixtures.instance("i-2", "c5.2xlarge");

    Recommendation recommendation =
        only(instance, daily("i-2", MetricSeries.CPU_UTILIZATION, repeat(0.8, 14)));

    assertThat(recommendation.action()).isEqualTo(RecommendationAction.TERMINATE_INSTANCE);
    assertThat(recommendation.estimatedMonthlySavingsUsd()).isEqualTo(248.2);
    assertThat(recommendation.confidence()).isEqualTo(0.92);
  }

  @Test
  void keepTagTurnsTerminationIntoStop() {
    Resource instance = Fixtures.instance("i-3", "t3.medium", Map.of("keep", "true"));

    Recommendation recommendation =
        only(instance, daily("i-3", MetricSeries.CPU_UTILIZATION, repeat(0.8, 14)));

    assertThat(recommendation.action()).isEqualTo(RecommendationAction.STOP_INSTANCE);
    assertThat(recommendation.rationale()).contains("tagged keep=true");
    assertThat(recommendation.estimatedMonthlySavingsUsd()).isCloseTo(0.0416 * 730, within(0.005));
  }

  @Test
  void oversizedInstanceIsRightsizedOneSizeDownForThePriceDifference() {
    Resource instance = Fixtures.instance("i-4", "m5.2xlarge");

    Recommendation recommendation =
        only(instance, daily("i-4", MetricSeries.CPU_UTILIZATION, repeat(18, 14)));

    assertThat(recommendation.action()).isEqualTo(RecommendationAction.RIGHTSIZE);
    assertThat(recommendation.currentSize()).isEqualTo("m5.2xlarge");
    assertThat(recommendation.proposedSize()).isEqualTo("m5.xlarge");
    // (0.384 - 0.192) $/h * 730 h.
    assertThat(recommendation.estimatedMonthlySavingsUsd()).isEqualTo(140.16);
    assertThat(recommendation.rationale())
        .contains("p95 18.0%")
        .contains("p95 CPU would be about 36.0% on m5.xlarge")
        .contains("m5.2xlarge $0.3840/h -> m5.xlarge $0.1920/h");
  }

  @Test
  void smallestSizeOfAFamilyIsNotRightsized() {
    Resource instance = Fixtures.instance("i-5", "m5.large");

    ResourceAnalysis analysis =
        analyzer.analyze(
            instance, List.of(daily("i-5", MetricSeries.CPU_UTILIZATION, repeat(18, 14))));

    assertThat(analysis.findings())
        .extracting(Finding::type)
        .containsExactly(FindingType.OVERSIZED);
    assertThat(recommender.recommend(analysis)).isEmpty();
  }

  @Test
  void oversizedDatabaseIsRightsizedToTheNextDbClass() {
    Resource database = Fixtures.database("db-big", "db.r5.2xlarge", 5000, null);

    Recommendation recommendation =
        only(
            database,
            daily("db-big", MetricSeries.CPU_UTILIZATION, repeat(20, 14)),
            daily("db-big", MetricSeries.DATABASE_CONNECTIONS, repeat(1500, 14)));

    assertThat(recommendation.action()).isEqualTo(RecommendationAction.RIGHTSIZE);
    assertThat(recommendation.proposedSize()).isEqualTo("db.r5.xlarge");
    assertThat(recommendation.estimatedMonthlySavingsUsd()).isEqualTo(365.0);
  }

  @Test
  void unattachedVolumeIsRecommendedForDeletionAtItsStoragePrice() {
    Resource gp2 = unattached("vol-1", "gp2:500", Map.of());
    Resource io1 = unattached("vol-2", "io1:100", Map.of("iops", "3000"));

    Recommendation gp2Deletion = only(gp2);
    Recommendation io1Deletion = only(io1);

    assertThat(gp2Deletion.action()).isEqualTo(RecommendationAction.DELETE_VOLUME);
    assertThat(gp2Deletion.estimatedMonthlySavingsUsd()).isEqualTo(50.0);
    assertThat(gp2Deletion.rationale()).contains("500 GiB at $0.100/GB-month");
    // 100 GB * 0.125 + 3000 IOPS * 0.065.
    assertThat(io1Deletion.estimatedMonthlySavingsUsd()).isEqualTo(207.5);
  }

  @Test
  void protectedVolumeIsNotDeleted() {
    Resource volume =
        Fixtures.resource(
            "vol-keep",
            ResourceKind.EBS_VOLUME,
            "gp3:100",
            "available",
            daysAgo(100),
            Map.of("keep", "true"),
            Map.of(),
            List.of());

    assertThat(recommender.recommend(analyzer.analyze(volume, List.of()))).isEmpty();
  }

  @Test
  void oldSnapshotDeletionSavesItsStoredGigabytes() {
    Resource snapshot =
        Fixtures.resource(
            "snap-1",
            ResourceKind.EBS_SNAPSHOT,
            "100",
            "completed",
            daysAgo(200),
            Map.of(),
            Map.of("storedGb", "34"),
            List.of());

    Recommendation recommendation = only(snapshot);

    assertThat(recommendation.action()).isEqualTo(RecommendationAction.DELETE_SNAPSHOT);
    assertThat(recommendation.estimatedMonthlySavingsUsd()).isEqualTo(1.7);
    assertThat(recommendation.rationale()).contains("34 GiB stored at $0.050/GB-month");
  }

  @Test
  void bucketWithoutLifecycleGetsATransitionRuleSavingTheAssumedColdShare() {
    Resource bucket =
        Fixtures.resource(
            "logs",
            ResourceKind.S3_BUCKET,
            null,
            "available",
            daysAgo(400),
            Map.of(),
            Map.of("lifecycle", "none", "sizeGb", "1000"),
            List.of());

    Recommendation recommendation = only(bucket);

    assertThat(recommendation.action()).isEqualTo(RecommendationAction.ADD_S3_LIFECYCLE_RULE);
    assertThat(recommendation.currentSize()).isEqualTo("STANDARD");
    assertThat(recommendation.proposedSize()).isEqualTo("STANDARD_IA after 30 days");
    // 1000 GB * 40% * (0.023 - 0.0125).
    assertThat(recommendation.estimatedMonthlySavingsUsd()).isEqualTo(4.2);
    assertThat(recommendation.rationale()).contains("assumes 40% of 1000 GiB is cold");
  }

  @Test
  void idleDatabaseIsStopped() {
    Resource database = Fixtures.database("db-1", "db.m5.large", 900, null);

    Recommendation recommendation =
        only(
            database,
            daily("db-1", MetricSeries.CPU_UTILIZATION, repeat(2, 14)),
            daily("db-1", MetricSeries.DATABASE_CONNECTIONS, repeat(0, 14)));

    assertThat(recommendation.action()).isEqualTo(RecommendationAction.STOP_INSTANCE);
    assertThat(recommendation.estimatedMonthlySavingsUsd()).isEqualTo(124.83);
    assertThat(recommendation.rationale()).contains("restarts a stopped DB after 7 days");
  }

  @Test
  void idleReadReplicaIsDeletedBecauseRdsCannotStopIt() {
    Resource replica = Fixtures.database("db-1-replica", "db.m5.large", 900, "db-1");

    Recommendation recommendation =
        only(
            replica,
            daily("db-1-replica", MetricSeries.CPU_UTILIZATION, repeat(2, 14)),
            daily("db-1-replica", MetricSeries.DATABASE_CONNECTIONS, repeat(0, 14)));

    assertThat(recommendation.action()).isEqualTo(RecommendationAction.TERMINATE_INSTANCE);
    assertThat(recommendation.dependsOn()).containsExactly("db-1");
    assertThat(recommendation.rationale()).contains("read replica of db-1, which RDS cannot stop");
  }

  @Test
  void unusedFunctionIsDeletedForHygieneWithNoSavingAndCappedConfidence() {
    Resource function =
        Fixtures.resource(
            "fn-1",
            ResourceKind.LAMBDA_FUNCTION,
            "256",
            "Active",
            daysAgo(300),
            Map.of(),
            Map.of(),
            List.of());

    Recommendation recommendation =
        only(function, Fixtures.dailyTotals("fn-1", MetricSeries.INVOCATIONS, repeat(0, 14)));

    assertThat(recommendation.action()).isEqualTo(RecommendationAction.DELETE_FUNCTION);
    assertThat(recommendation.estimatedMonthlySavingsUsd()).isZero();
    assertThat(recommendation.confidence()).isEqualTo(Recommender.LAMBDA_CONFIDENCE_CAP);
    assertThat(recommendation.rationale()).contains("saves nothing").contains("hygiene");
  }

  @Test
  void idleLoadBalancerIsDeletedSavingItsHourlyCharge() {
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

    Recommendation recommendation =
        only(
            loadBalancer,
            Fixtures.dailyTotals("app/web/1", MetricSeries.REQUEST_COUNT, repeat(2, 14)));

    assertThat(recommendation.action()).isEqualTo(RecommendationAction.DELETE_LOAD_BALANCER);
    // 0.0225 $/h * 730 h = 16.425, rounded half up.
    assertThat(recommendation.estimatedMonthlySavingsUsd()).isEqualTo(16.43);
    assertThat(recommendation.dependsOn()).containsExactly("i-1", "i-2");
  }

  @Test
  void unknownInstanceTypeIsStillStoppedButWithoutASavingsFigure() {
    Resource instance = Fixtures.instance("i-odd", "x2iedn.32xlarge");

    Recommendation recommendation =
        only(instance, daily("i-odd", MetricSeries.CPU_UTILIZATION, repeat(0.5, 14)));

    assertThat(recommendation.estimatedMonthlySavingsUsd()).isZero();
    assertThat(recommendation.rationale()).contains("no list price for x2iedn.32xlarge");
  }

  @Test
  void busyResourceGetsNoRecommendation() {
    Resource instance = Fixtures.instance("i-busy", "m5.xlarge");

    ResourceAnalysis analysis =
        analyzer.analyze(
            instance, List.of(daily("i-busy", MetricSeries.CPU_UTILIZATION, repeat(70, 14))));

    assertThat(recommender.recommend(analysis)).isEmpty();
  }

  private Recommendation only(Resource resource, MetricSeries... series) {
    List<Recommendation> recommendations =
        recommender.recommend(analyzer.analyze(resource, List.of(series)));
    assertThat(recommendations).hasSize(1);
    return recommendations.get(0);
  }

  private static Resource unattached(String id, String size, Map<String, String> attributes) {
    return Fixtures.resource(
        id,
        ResourceKind.EBS_VOLUME,
        size,
        "available",
        daysAgo(60),
        Map.of(),
        attributes,
        List.of());
  }
}
