package dev.flotilla.optimization;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The pure steps of a cycle chained over generated inventories: analysis to batches. */
class OptimizationCycleTest {

  private static final Instant END = Instant.parse("2025-01-15T00:00:00Z");

  @Test
  void sampleInventoryYieldsEveryFindingTypeInPlausibleShares() {
    SampleInventory inventory = SampleInventory.generate(42, END);
    List<ResourceAnalysis> analyses = OptimizationPipeline.analyses(inventory);

    Map<FindingType, Long> findings =
        analyses.stream()
            .flatMap(a -> a.findings().stream())
            .collect(groupingBy(Finding::type, () -> new EnumMap<>(FindingType.class), counting()));
    long instances = count(inventory, ResourceKind.EC2_INSTANCE);

    assertThat(findings).containsOnlyKeys(FindingType.values());
    // Instances: 12% idle plus 6% recently idle, 20% oversized (RDS adds a few of each).
    assertThat(findings.get(FindingType.IDLE))
        .isBetween((long) (instances * 0.14), (long) (instances * 0.26));
    assertThat(findings.get(FindingType.OVERSIZED))
        .isBetween((long) (instances * 0.15), (long) (instances * 0.28));
    assertThat(findings.get(FindingType.UNUSED_FUNCTION))
        .isBetween(
            count(inventory, ResourceKind.LAMBDA_FUNCTION) / 10,
            count(inventory, ResourceKind.LAMBDA_FUNCTION) / 3);
  }

  @Test
  void analysisMatchesTheBehaviourEachInstanceWasGeneratedWith() {
    SampleInventory inventory = SampleInventory.generate(42, END);

    for (ResourceAnalysis analysis : OptimizationPipeline.analyses(inventory)) {
      Resource resource = analysis.resource();
      if (resource.kind() != ResourceKind.EC2_INSTANCE) {
        continue;
      }
      List<FindingType> types = analysis.findings().stream().map(Finding::type).toList();
      switch (inventory.profileOf(resource.id())) {
        case IDLE, RECENTLY_IDLE ->
            assertThat(types).as(resource.id()).containsExactly(FindingType.IDLE);
        case OVERSIZED -> {
          assertThat(types).as(resource.id()).containsExactly(FindingType.OVERSIZED);
          assertThat(analysis.stats().get(0).p95()).isBetween(10.0, 32.0);
        }
        case BUSY -> assertThat(types).as(resource.id()).isEmpty();
        default -> throw new AssertionError("unexpected profile for " + resource.id());
      }
    }
  }

  @Test
  void sampleGroupsKeepReplicasWithPrimariesAndLoadBalancersBeforeTargets() {
    SampleInventory inventory = SampleInventory.generate(42, END);
    List<Recommendation> recommendations = OptimizationPipeline.recommendations(inventory);
    Map<String, Resource> byId =
        inventory.resources().stream().collect(Collectors.toMap(Resource::id, Function.identity()));

    List<RecommendationGroup> groups =
        DependencyGrouping.group(recommendations, inventory.resources());

    assertThat(groups.stream().mapToInt(RecommendationGroup::size).sum())
        .isEqualTo(recommendations.size());
    int replicaPairs = 0;
    int balancerGroups = 0;
    for (RecommendationGroup group : groups) {
      Map<String, Integer> position = new HashMap<>();
      for (int i = 0; i < group.size(); i++) {
        position.put(group.recommendations().get(i).resourceId(), i);
      }
      for (Recommendation recommendation : group.recommendations()) {
        for (String dependency : byId.get(recommendation.resourceId()).dependsOn()) {
          if (position.containsKey(dependency)) {
            assertThat(position.get(recommendation.resourceId()))
                .as("%s before %s", recommendation.resourceId(), dependency)
                .isLessThan(position.get(dependency));
            if (recommendation.kind() == ResourceKind.RDS_INSTANCE) {
              replicaPairs++;
            }
            if (recommendation.kind() == ResourceKind.LOAD_BALANCER) {
              balancerGroups++;
            }
          }
        }
      }
    }
    assertThat(replicaPairs).isPositive();
    assertThat(balancerGroups).isPositive();
  }

  @Test
  void hundredThousandResourcesAreGeneratedAnalysedRecommendedAndBatched() {
    SampleInventory inventory = SampleInventory.generate(2025, 100_000, END);
    UtilizationAnalyzer analyzer =
        new UtilizationAnalyzer(Fixtures.seedThresholds(), inventory.windowEnd());
    Recommender recommender = new Recommender(PriceTable.bundled());

    long series = 0;
    long findings = 0;
    List<Recommendation> recommendations = new java.util.ArrayList<>();
    for (Resource resource : inventory.resources()) {
      List<MetricSeries> metrics = inventory.metricsFor(resource.id());
      series += metrics.size();
      ResourceAnalysis analysis = analyzer.analyze(resource, metrics);
      findings += analysis.findings().size();
      recommendations.addAll(recommender.recommend(analysis));
    }
    List<RecommendationGroup> groups =
        DependencyGrouping.group(recommendations, inventory.resources());
    List<RecommendationBatch> batches = Batches.pack(groups, 100);

    assertThat(inventory.resources()).hasSize(100_000);
    // Instances 30,000 + functions 12,000 + load balancers 3,000 + two series per DB 10,000.
    assertThat(series).isEqualTo(55_000);
    assertThat(findings).isBetween(25_000L, 50_000L);
    assertThat(recommendations.size()).isBetween(20_000, (int) findings);
    Set<String> ids = new HashSet<>();
    recommendations.forEach(r -> ids.add(r.id()));
    assertThat(ids).hasSameSizeAs(recommendations);
    assertThat(batches.stream().mapToInt(RecommendationBatch::size).sum())
        .isEqualTo(recommendations.size());
    assertThat(batches)
        .allSatisfy(b -> assertThat(b.size() <= 100 || b.groups().size() == 1).isTrue());
  }

  private static long count(SampleInventory inventory, ResourceKind kind) {
    return inventory.resources().stream().filter(r -> r.kind() == kind).count();
  }
}
