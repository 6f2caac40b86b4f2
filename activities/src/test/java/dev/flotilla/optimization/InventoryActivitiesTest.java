package dev.flotilla.optimization;

import static dev.flotilla.optimization.CycleTestSupport.FROM;
import static dev.flotilla.optimization.CycleTestSupport.ONE_ATTEMPT;
import static dev.flotilla.optimization.CycleTestSupport.TO;
import static dev.flotilla.optimization.CycleTestSupport.collect;
import static dev.flotilla.optimization.CycleTestSupport.count;
import static dev.flotilla.optimization.CycleTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.optimization.InventoryActivitiesImpl.CollectProgress;
import dev.flotilla.store.TestDatabases;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InventoryActivitiesTest {

  private static final int SIZE = 1_200;

  private DataSource dataSource;
  private CycleStore store;
  private TestActivityEnvironment env;

  @BeforeEach
  void setUp() {
    dataSource = TestDatabases.freshMigrated();
    store = new CycleStore(dataSource);
    env = TestActivityEnvironment.newInstance();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private InventoryActivities activities(Function<Scope, InventorySource> sources) {
    env.registerActivitiesImplementations(new InventoryActivitiesImpl(sources, store));
    return env.newActivityStub(InventoryActivities.class, ONE_ATTEMPT);
  }

  private static SampleInventory sample() {
    return SampleInventory.generate(SampleInventory.ACCOUNT.hashCode(), SIZE, TO);
  }

  @Test
  void collectOverTheSampleStoresEveryResourceInCollectionOrderWithItsMetrics() {
    SampleInventory sample = sample();
    int expectedSeries =
        sample.resources().stream().mapToInt(r -> sample.metricsFor(r.id()).size()).sum();

    InventorySnapshot snapshot =
        activities(InventorySources.sampleOnly(SIZE)).collect(collect("cycle-1"));

    assertThat(snapshot).isEqualTo(new InventorySnapshot(SIZE, expectedSeries));
    assertThat(rows(dataSource, "SELECT resource_id FROM cycle_resources ORDER BY position"))
        .containsExactlyElementsOf(sample.resources().stream().map(Resource::id).toList());
    assertThat(count(dataSource, "SELECT max(position) FROM cycle_resources")).isEqualTo(SIZE - 1);
    Resource first = sample.resources().get(0);
    assertThat(store.metrics("cycle-1", 0, 1).get(first.id()))
        .containsExactlyInAnyOrderElementsOf(sample.metricsFor(first.id()));
  }

  @Test
  void theSameScopeCollectsTheSameResourcesInEveryCycle() {
    InventoryActivities activities = activities(InventorySources.sampleOnly(SIZE));

    activities.collect(collect("cycle-a"));
    activities.collect(collect("cycle-b"));

    assertThat(store.resources("cycle-b", 0, SIZE)).isEqualTo(store.resources("cycle-a", 0, SIZE));
  }

  @Test
  void collectKeepsOnlyTheScopesRegionsAndServices() {
    Scope volumesInOregon =
        new Scope("sample", SampleInventory.ACCOUNT, List.of("us-west-2"), List.of("ebs"));

    InventorySnapshot snapshot =
        activities(InventorySources.sampleOnly(SIZE))
            .collect(new CollectRequest("cycle-1", volumesInOregon, FROM, TO));

    assertThat(snapshot.resources()).isPositive().isLessThan(SIZE);
    assertThat(rows(dataSource, "SELECT DISTINCT payload ->> 'region' FROM cycle_resources"))
        .containsExactly("us-west-2");
    assertThat(rows(dataSource, "SELECT DISTINCT kind FROM cycle_resources ORDER BY kind"))
        .containsExactly("EBS_SNAPSHOT", "EBS_VOLUME");
  }

  @Test
  void aRetriedCollectResumesAtTheHeartbeatedPageAndStoresNothingTwice() {
    // The first attempt stores two pages, then the worker is lost. The SDK throttles heartbeats,
    // so the server may have seen only the first page's: the retry starts there, the second page
    // comes again, and it must land on the same positions.
    FailingSource failing = new FailingSource(new SampleInventorySource(SIZE), 3);
    List<CollectProgress> heartbeats = new ArrayList<>();
    env.setActivityHeartbeatListener(CollectProgress.class, heartbeats::add);
    InventoryActivities firstAttempt = activities(scope -> failing);

    assertThatThrownBy(() -> firstAttempt.collect(collect("cycle-1")))
        .isInstanceOf(ActivityFailure.class);
    assertThat(heartbeats).first().isEqualTo(new CollectProgress("500", 500, false));
    assertThat(count(dataSource, "SELECT count(*) FROM cycle_resources")).isEqualTo(1_000);

    CountingSource counting = new CountingSource(new SampleInventorySource(SIZE));
    env.close();
    env = TestActivityEnvironment.newInstance();
    env.setHeartbeatDetails(heartbeats.get(0));
    InventorySnapshot snapshot = activities(scope -> counting).collect(collect("cycle-1"));

    assertThat(counting.cursors).containsExactly("500", "1000");
    assertThat(snapshot.resources()).isEqualTo(SIZE);
    assertThat(rows(dataSource, "SELECT resource_id FROM cycle_resources ORDER BY position"))
        .containsExactlyElementsOf(sample().resources().stream().map(Resource::id).toList());
    assertThat(
            count(
                dataSource,
                "SELECT count(*) FROM (SELECT DISTINCT position FROM cycle_resources) p"))
        .isEqualTo(SIZE);
  }

  @Test
  void aResumedCollectThatFindsEveryPageStoredOnlyCounts() {
    InventoryActivities activities = activities(InventorySources.sampleOnly(SIZE));
    InventorySnapshot first = activities.collect(collect("cycle-1"));
    env.setHeartbeatDetails(new CollectProgress(null, SIZE, true));

    assertThat(activities.collect(collect("cycle-1"))).isEqualTo(first);
  }

  @Test
  void aSourceNoOneRegisteredFailsWithoutRetryNamingIt() {
    Scope aws = new Scope("aws", SampleInventory.ACCOUNT, List.of("us-east-1"), List.of());
    InventoryActivities activities = activities(InventorySources.sampleOnly(SIZE));

    assertThatThrownBy(() -> activities.collect(new CollectRequest("cycle-1", aws, FROM, TO)))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(InventorySources.UNKNOWN_SOURCE);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).contains("'aws'").contains("sample");
            });
  }

  /** The sample, bound to the window; the worker is lost when asked for page {@code failOn}. */
  private static final class FailingSource implements InventorySource {
    private final InventorySource inner;
    private final int failOn;
    private int pages;

    FailingSource(SampleInventorySource inner, int failOn) {
      this.inner = inner.endingAt(TO);
      this.failOn = failOn;
    }

    @Override
    public InventoryPage page(Scope scope, String cursor, int pageSize) {
      if (++pages == failOn) {
        throw new IllegalStateException("worker lost");
      }
      return inner.page(scope, cursor, pageSize);
    }

    @Override
    public List<MetricSeries> metrics(Resource resource, Instant from, Instant to) {
      return inner.metrics(resource, from, to);
    }
  }

  private static final class CountingSource implements InventorySource {
    private final InventorySource inner;
    final List<String> cursors = new ArrayList<>();

    CountingSource(SampleInventorySource inner) {
      this.inner = inner.endingAt(TO);
    }

    @Override
    public InventoryPage page(Scope scope, String cursor, int pageSize) {
      cursors.add(cursor);
      return inner.page(scope, cursor, pageSize);
    }

    @Override
    public List<MetricSeries> metrics(Resource resource, Instant from, Instant to) {
      return inner.metrics(resource, from, to);
    }
  }
}
