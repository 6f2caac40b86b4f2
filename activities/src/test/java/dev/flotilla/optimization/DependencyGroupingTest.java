package dev.flotilla.optimization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DependencyGroupingTest {

  @Test
  void volumeIsActedOnBeforeItsInstanceInOneGroup() {
    Resource instance = Fixtures.instance("i-1", "m5.large");
    Resource volume = Fixtures.volume("vol-1", "gp3:100", "i-1");
    Recommendation terminate = recommendation(RecommendationAction.TERMINATE_INSTANCE, instance);
    Recommendation deleteVolume = recommendation(RecommendationAction.DELETE_VOLUME, volume);

    List<RecommendationGroup> groups =
        DependencyGrouping.group(List.of(terminate, deleteVolume), List.of(instance, volume));

    assertThat(groups)
        .singleElement()
        .satisfies(
            group -> assertThat(group.recommendations()).containsExactly(deleteVolume, terminate));
  }

  @Test
  void replicaIsActedOnBeforeItsPrimaryInOneGroup() {
    Resource primary = Fixtures.database("db-a", "db.m5.large", 900, null);
    Resource replica = Fixtures.database("db-a-replica", "db.m5.large", 900, "db-a");
    Recommendation stopPrimary = recommendation(RecommendationAction.STOP_INSTANCE, primary);
    Recommendation deleteReplica = recommendation(RecommendationAction.TERMINATE_INSTANCE, replica);

    List<RecommendationGroup> groups =
        DependencyGrouping.group(List.of(stopPrimary, deleteReplica), List.of(primary, replica));

    assertThat(groups)
        .singleElement()
        .satisfies(
            group ->
                assertThat(group.recommendations()).containsExactly(deleteReplica, stopPrimary));
  }

  @Test
  void orderFollowsDependenciesNotIds() {
    // "a-..." sorts before "z-..." but depends on it, so it must still come second.
    Resource dependency = Fixtures.instance("z-instance", "m5.large");
    Resource dependent = Fixtures.volume("a-volume", "gp3:10", "z-instance");
    Recommendation first = recommendation(RecommendationAction.DELETE_VOLUME, dependent);
    Recommendation second = recommendation(RecommendationAction.STOP_INSTANCE, dependency);

    List<RecommendationGroup> groups =
        DependencyGrouping.group(List.of(second, first), List.of(dependency, dependent));

    assertThat(groups.get(0).recommendations()).containsExactly(first, second);
  }

  @Test
  void loadBalancerComesBeforeItsTargetsAndJoinsThemInOneGroup() {
    Resource first = Fixtures.instance("i-1", "m5.large");
    Resource second = Fixtures.instance("i-2", "m5.large");
    Resource loadBalancer =
        Fixtures.resource(
            "app/web/1",
            ResourceKind.LOAD_BALANCER,
            null,
            "active",
            Fixtures.END,
            Map.of(),
            Map.of(),
            List.of("i-1", "i-2"));
    Recommendation stopFirst = recommendation(RecommendationAction.STOP_INSTANCE, first);
    Recommendation stopSecond = recommendation(RecommendationAction.STOP_INSTANCE, second);
    Recommendation deleteBalancer =
        recommendation(RecommendationAction.DELETE_LOAD_BALANCER, loadBalancer);

    List<RecommendationGroup> groups =
        DependencyGrouping.group(
            List.of(stopSecond, stopFirst, deleteBalancer), List.of(first, second, loadBalancer));

    assertThat(groups)
        .singleElement()
        .satisfies(
            group ->
                assertThat(group.recommendations())
                    .containsExactly(deleteBalancer, stopFirst, stopSecond));
  }

  @Test
  void resourcesLinkedOnlyThroughAnUnrecommendedResourceShareAGroup() {
    Resource first = Fixtures.instance("i-1", "m5.large");
    Resource second = Fixtures.instance("i-2", "m5.large");
    Resource busyBalancer =
        Fixtures.resource(
            "app/busy/1",
            ResourceKind.LOAD_BALANCER,
            null,
            "active",
            Fixtures.END,
            Map.of(),
            Map.of(),
            List.of("i-1", "i-2"));
    Recommendation stopFirst = recommendation(RecommendationAction.STOP_INSTANCE, first);
    Recommendation stopSecond = recommendation(RecommendationAction.STOP_INSTANCE, second);

    List<RecommendationGroup> groups =
        DependencyGrouping.group(
            List.of(stopFirst, stopSecond), List.of(first, second, busyBalancer));

    assertThat(groups)
        .singleElement()
        .satisfies(
            group -> assertThat(group.recommendations()).containsExactly(stopFirst, stopSecond));
  }

  @Test
  void transitiveDependencyThroughAnUnrecommendedResourceKeepsTheOrder() {
    // volume -> instance (not recommended) ... and the load balancer -> instance; the chain
    // replica -> primary -> nothing checks depth two: a -> b -> c with only a and c recommended.
    Resource c = Fixtures.instance("c", "m5.large");
    Resource b = Fixtures.volume("b", "gp3:10", "c");
    Resource a =
        Fixtures.resource(
            "a",
            ResourceKind.EBS_SNAPSHOT,
            "10",
            "completed",
            Fixtures.END,
            Map.of(),
            Map.of(),
            List.of("b"));
    Recommendation onC = recommendation(RecommendationAction.STOP_INSTANCE, c);
    Recommendation onA = recommendation(RecommendationAction.DELETE_SNAPSHOT, a);

    List<RecommendationGroup> groups =
        DependencyGrouping.group(List.of(onC, onA), List.of(a, b, c));

    assertThat(groups)
        .singleElement()
        .satisfies(group -> assertThat(group.recommendations()).containsExactly(onA, onC));
  }

  @Test
  void unrelatedRecommendationsAreSeparateGroupsSortedByFirstId() {
    Resource x = Fixtures.instance("i-x", "m5.large");
    Resource y = Fixtures.instance("i-y", "m5.large");
    Resource volume = Fixtures.volume("vol-9", "gp3:10", null);
    Recommendation onY = recommendation(RecommendationAction.STOP_INSTANCE, y);
    Recommendation onX = recommendation(RecommendationAction.STOP_INSTANCE, x);
    Recommendation onVolume = recommendation(RecommendationAction.DELETE_VOLUME, volume);

    List<RecommendationGroup> groups =
        DependencyGrouping.group(List.of(onY, onVolume, onX), List.of(x, y, volume));

    assertThat(groups)
        .extracting(RecommendationGroup::firstId)
        .containsExactly(onVolume.id(), onX.id(), onY.id());
  }

  @Test
  void groupingDoesNotDependOnInputOrder() {
    SampleInventory inventory = SampleInventory.generate(5, 600, Fixtures.END);
    List<Recommendation> recommendations = OptimizationPipeline.recommendations(inventory);
    List<Recommendation> shuffled = new ArrayList<>(recommendations);
    Collections.shuffle(shuffled, new Random(1));
    List<Resource> shuffledResources = new ArrayList<>(inventory.resources());
    Collections.shuffle(shuffledResources, new Random(2));

    assertThat(DependencyGrouping.group(shuffled, shuffledResources))
        .isEqualTo(DependencyGrouping.group(recommendations, inventory.resources()));
  }

  @Test
  void dependencyCycleStillYieldsEveryRecommendationOnce() {
    Resource a =
        Fixtures.resource(
            "a",
            ResourceKind.EC2_INSTANCE,
            "m5.large",
            "running",
            Fixtures.END,
            Map.of(),
            Map.of(),
            List.of("b"));
    Resource b =
        Fixtures.resource(
            "b",
            ResourceKind.EC2_INSTANCE,
            "m5.large",
            "running",
            Fixtures.END,
            Map.of(),
            Map.of(),
            List.of("a"));
    Recommendation onA = recommendation(RecommendationAction.STOP_INSTANCE, a);
    Recommendation onB = recommendation(RecommendationAction.STOP_INSTANCE, b);

    List<RecommendationGroup> groups = DependencyGrouping.group(List.of(onB, onA), List.of(a, b));

    assertThat(groups)
        .singleElement()
        .satisfies(group -> assertThat(group.recommendations()).containsExactly(onA, onB));
  }

  @Test
  void noRecommendationsGiveNoGroups() {
    assertThat(DependencyGrouping.group(List.of(), List.of(Fixtures.instance("i-1", "m5.large"))))
        .isEmpty();
  }

  static Recommendation recommendation(RecommendationAction action, Resource resource) {
    return new Recommendation(
        Recommendation.idFor(action, resource.id()),
        resource.id(),
        resource.kind(),
        action,
        resource.size(),
        null,
        1.0,
        "test",
        0.9,
        resource.dependsOn());
  }
}
