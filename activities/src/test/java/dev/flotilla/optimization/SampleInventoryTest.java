package dev.flotilla.optimization;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SampleInventoryTest {

  private static final Instant END = Instant.parse("2025-01-15T10:17:00Z");
  private static final SampleInventory INVENTORY = SampleInventory.generate(42, END);

  @Test
  void sameSeedSizeAndEndGiveTheSameResourcesAndMetrics() {
    SampleInventory again = SampleInventory.generate(42, SampleInventory.DEFAULT_SIZE, END);

    assertThat(again.resources()).isEqualTo(INVENTORY.resources());
    for (Resource resource : INVENTORY.resources()) {
      assertThat(again.metricsFor(resource.id())).isEqualTo(INVENTORY.metricsFor(resource.id()));
    }
  }

  @Test
  void metricsDoNotDependOnTheOrderTheyAreAskedFor() {
    List<Resource> resources = INVENTORY.resources();
    String last = resources.get(resources.size() - 1).id();
    String instance = resources.get(0).id();
    SampleInventory fresh = SampleInventory.generate(42, END);

    List<MetricSeries> lastFirst = fresh.metricsFor(last);
    List<MetricSeries> instanceAfter = fresh.metricsFor(instance);

    assertThat(lastFirst).isEqualTo(INVENTORY.metricsFor(last));
    assertThat(instanceAfter).isEqualTo(INVENTORY.metricsFor(instance));
    assertThat(fresh.metricsFor(instance)).isEqualTo(instanceAfter);
  }

  @Test
  void differentSeedsGiveDifferentInventories() {
    SampleInventory other = SampleInventory.generate(43, END);

    assertThat(other.resources()).hasSameSizeAs(INVENTORY.resources());
    assertThat(other.resources()).isNotEqualTo(INVENTORY.resources());
  }

  @Test
  void inventoryHasTheRequestedSizeAndUniqueIds() {
    for (int size : new int[] {0, 1, 7, 50, 2_000}) {
      SampleInventory inventory = SampleInventory.generate(7, size, END);

      assertThat(inventory.resources()).hasSize(size);
      assertThat(inventory.resources().stream().map(Resource::id).distinct()).hasSize(size);
    }
  }

  @Test
  void kindsComeInPlausibleProportions() {
    Map<ResourceKind, Long> byKind =
        INVENTORY.resources().stream().collect(groupingBy(Resource::kind, counting()));
    double total = INVENTORY.resources().size();

    assertThat(byKind.get(ResourceKind.EC2_INSTANCE) / total).isCloseTo(0.30, within(0.005));
    assertThat(byKind.get(ResourceKind.EBS_VOLUME) / total).isCloseTo(0.30, within(0.005));
    assertThat(byKind.get(ResourceKind.EBS_SNAPSHOT) / total).isCloseTo(0.15, within(0.005));
    assertThat(byKind.get(ResourceKind.RDS_INSTANCE) / total).isCloseTo(0.05, within(0.005));
    assertThat(byKind.get(ResourceKind.LAMBDA_FUNCTION) / total).isCloseTo(0.12, within(0.005));
    assertThat(byKind.get(ResourceKind.LOAD_BALANCER) / total).isCloseTo(0.03, within(0.005));
    assertThat(byKind.get(ResourceKind.S3_BUCKET) / total).isCloseTo(0.05, within(0.005));
    assertThat(INVENTORY.resources())
        .allSatisfy(
            r -> {
              assertThat(r.account()).isEqualTo(SampleInventory.ACCOUNT);
              assertThat(r.region()).isIn(SampleInventory.REGIONS);
            });
  }

  @Test
  void deliberateMixOfBehavioursIsPresent() {
    Map<ResourceKind, Map<SampleInventory.Profile, Long>> profiles =
        INVENTORY.resources().stream()
            .collect(
                groupingBy(
                    Resource::kind, groupingBy(r -> INVENTORY.profileOf(r.id()), counting())));
    Map<SampleInventory.Profile, Long> instances = profiles.get(ResourceKind.EC2_INSTANCE);
    long instanceCount = instances.values().stream().mapToLong(Long::longValue).sum();

    assertThat(instances.get(SampleInventory.Profile.IDLE) / (double) instanceCount)
        .isBetween(0.08, 0.16);
    assertThat(instances.get(SampleInventory.Profile.RECENTLY_IDLE) / (double) instanceCount)
        .isBetween(0.03, 0.09);
    assertThat(instances.get(SampleInventory.Profile.OVERSIZED) / (double) instanceCount)
        .isBetween(0.15, 0.25);
    assertThat(instances.get(SampleInventory.Profile.BUSY) / (double) instanceCount)
        .isBetween(0.55, 0.70);
    assertThat(profiles.get(ResourceKind.RDS_INSTANCE))
        .containsKeys(
            SampleInventory.Profile.IDLE,
            SampleInventory.Profile.OVERSIZED,
            SampleInventory.Profile.BUSY);
    assertThat(profiles.get(ResourceKind.LAMBDA_FUNCTION))
        .containsKeys(
            SampleInventory.Profile.IDLE,
            SampleInventory.Profile.DAILY_SCHEDULE,
            SampleInventory.Profile.BUSY);
    assertThat(profiles.get(ResourceKind.LOAD_BALANCER))
        .containsKeys(SampleInventory.Profile.IDLE, SampleInventory.Profile.BUSY);

    List<Resource> volumes = ofKind(ResourceKind.EBS_VOLUME);
    assertThat(volumes.stream().filter(v -> v.state().equals("available")).count())
        .isBetween(volumes.size() / 10L, volumes.size() / 5L);
    List<Resource> buckets = ofKind(ResourceKind.S3_BUCKET);
    assertThat(buckets.stream().filter(b -> "none".equals(b.attribute("lifecycle"))).count())
        .isBetween(buckets.size() / 3L, 2L * buckets.size() / 3);
    long oldSnapshots =
        ofKind(ResourceKind.EBS_SNAPSHOT).stream()
            .filter(s -> s.createdAt().isBefore(END.minus(Duration.ofDays(90))))
            .count();
    assertThat(oldSnapshots).isPositive();
  }

  @Test
  void idleInstancesStayUnderTwoPercentCpu() {
    for (Resource instance : ofKind(ResourceKind.EC2_INSTANCE)) {
      if (INVENTORY.profileOf(instance.id()) == SampleInventory.Profile.IDLE) {
        assertThat(INVENTORY.metricsFor(instance.id()).get(0).values())
            .allSatisfy(v -> assertThat(v).isLessThan(2.0));
      }
    }
  }

  @Test
  void metricResourcesHaveFourteenDaysOfHourlySamples() {
    for (Resource resource : INVENTORY.resources()) {
      List<MetricSeries> metrics = INVENTORY.metricsFor(resource.id());
      switch (resource.kind()) {
        case EC2_INSTANCE, LAMBDA_FUNCTION, LOAD_BALANCER -> assertThat(metrics).hasSize(1);
        case RDS_INSTANCE -> assertThat(metrics).hasSize(2);
        default -> assertThat(metrics).isEmpty();
      }
      for (MetricSeries series : metrics) {
        assertThat(series.resourceId()).isEqualTo(resource.id());
        assertThat(series.values()).hasSize(336).doesNotContainNull();
        assertThat(series.stepSeconds()).isEqualTo(3600);
        assertThat(series.start()).isEqualTo(Instant.parse("2025-01-01T10:00:00Z"));
      }
    }
    assertThat(INVENTORY.windowEnd()).isEqualTo(Instant.parse("2025-01-15T10:00:00Z"));
  }

  @Test
  void dependenciesPointAtResourcesOfTheRightKindInTheSameRegion() {
    Map<String, Resource> byId =
        INVENTORY.resources().stream().collect(Collectors.toMap(Resource::id, Function.identity()));
    int volumes = 0;
    int replicas = 0;
    int loadBalancers = 0;
    for (Resource resource : INVENTORY.resources()) {
      for (String dependency : resource.dependsOn()) {
        Resource target = byId.get(dependency);
        assertThat(target).as(resource.id() + " -> " + dependency).isNotNull();
        assertThat(target.region()).isEqualTo(resource.region());
        switch (resource.kind()) {
          case EBS_VOLUME -> {
            volumes++;
            assertThat(target.kind()).isEqualTo(ResourceKind.EC2_INSTANCE);
            assertThat(resource.state()).isEqualTo("in-use");
          }
          case RDS_INSTANCE -> {
            replicas++;
            assertThat(target.kind()).isEqualTo(ResourceKind.RDS_INSTANCE);
            assertThat(target.dependsOn()).isEmpty();
            assertThat(resource.attribute("replicaOf")).isEqualTo(dependency);
          }
          case LOAD_BALANCER -> {
            loadBalancers++;
            assertThat(target.kind()).isEqualTo(ResourceKind.EC2_INSTANCE);
          }
          default -> throw new AssertionError(resource.kind() + " should depend on nothing");
        }
      }
    }
    assertThat(volumes).isPositive();
    assertThat(replicas).isPositive();
    assertThat(loadBalancers).isPositive();
  }

  @Test
  void everyGeneratedSizeHasAListPrice() {
    PriceTable prices = PriceTable.bundled();
    for (Resource resource : INVENTORY.resources()) {
      switch (resource.kind()) {
        case EC2_INSTANCE, RDS_INSTANCE ->
            assertThat(prices.hourly(resource.kind(), resource.size()))
                .as(resource.size())
                .isPresent();
        case EBS_VOLUME ->
            assertThat(prices.ebsGbMonth(resource.size().split(":")[0]))
                .as(resource.size())
                .isPresent();
        default -> {}
      }
    }
  }

  @Test
  void unknownResourceIdIsRefused() {
    assertThatThrownBy(() -> INVENTORY.metricsFor("i-nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("i-nope");
  }

  private static List<Resource> ofKind(ResourceKind kind) {
    return INVENTORY.resources().stream().filter(r -> r.kind() == kind).toList();
  }
}
