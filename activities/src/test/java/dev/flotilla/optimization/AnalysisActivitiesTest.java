package dev.flotilla.optimization;

import static dev.flotilla.optimization.CycleTestSupport.ONE_ATTEMPT;
import static dev.flotilla.optimization.CycleTestSupport.TO;
import static dev.flotilla.optimization.CycleTestSupport.collect;
import static dev.flotilla.optimization.CycleTestSupport.count;
import static dev.flotilla.optimization.CycleTestSupport.execute;
import static dev.flotilla.optimization.CycleTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.flotilla.store.TestDatabases;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnalysisActivitiesTest {

  private static final int SIZE = 1_200;
  private static final int SLICE = 250;
  private static final String CYCLE = "cycle-1";

  private DataSource dataSource;
  private AnalysisActivitiesImpl analysis;

  @BeforeEach
  void collectTheSample() {
    dataSource = TestDatabases.freshMigrated();
    CycleStore store = new CycleStore(dataSource);
    analysis = new AnalysisActivitiesImpl(store, PriceTable.bundled());
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(
          new InventoryActivitiesImpl(InventorySources.sampleOnly(SIZE), store));
      env.newActivityStub(InventoryActivities.class, ONE_ATTEMPT).collect(collect(CYCLE));
    } finally {
      env.close();
    }
  }

  private static AnalysisBatch slice(int offset, boolean continueOnError) {
    return new AnalysisBatch(CYCLE, offset, SLICE, Fixtures.seedThresholds(), continueOnError);
  }

  /** Every slice of the inventory through {@code pass}, added up as the cycle adds them up. */
  private BatchTally overAllSlices(Function<AnalysisBatch, BatchTally> pass) {
    BatchTally total = BatchTally.empty();
    for (int offset = 0; offset < SIZE; offset += SLICE) {
      total = total.plus(pass.apply(slice(offset, false)));
    }
    return total;
  }

  private static Map<String, Integer> countBy(List<String> keys) {
    return new TreeMap<>(keys.stream().collect(Collectors.toMap(k -> k, k -> 1, Integer::sum)));
  }

  @Test
  void analysingAndRecommendingSliceBySliceGivesThePurePipelinesTotals() {
    SampleInventory sample = SampleInventory.generate(SampleInventory.ACCOUNT.hashCode(), SIZE, TO);
    List<Recommendation> expected = OptimizationPipeline.recommendations(sample);
    Map<String, Integer> expectedFindings =
        countBy(
            OptimizationPipeline.analyses(sample).stream()
                .flatMap(a -> a.findings().stream())
                .map(f -> f.type().name())
                .toList());
    double expectedSavings =
        expected.stream()
            .map(r -> BigDecimal.valueOf(r.estimatedMonthlySavingsUsd()))
            .reduce(BigDecimal.ZERO, BigDecimal::add)
            .setScale(2, RoundingMode.HALF_UP)
            .doubleValue();

    BatchTally analysed = overAllSlices(analysis::analyze);
    BatchTally recommended = overAllSlices(analysis::recommend);

    assertThat(analysed.processed()).isEqualTo(SIZE);
    assertThat(analysed.failed()).isZero();
    assertThat(analysed.counts()).isEqualTo(expectedFindings);
    assertThat(recommended.processed()).isEqualTo(SIZE);
    assertThat(recommended.counts())
        .isEqualTo(countBy(expected.stream().map(r -> r.action().name()).toList()));
    assertThat(recommended.savingsUsd()).isCloseTo(expectedSavings, offset(0.005));
    assertThat(rows(dataSource, "SELECT recommendation_id FROM cycle_recommendations ORDER BY 1"))
        .containsExactlyElementsOf(expected.stream().map(Recommendation::id).sorted().toList());
  }

  @Test
  void analysingASliceTwiceLeavesTheSameRowsAndAnswersTheSame() {
    String snapshot =
        "SELECT resource_id, stats::text, findings::text FROM cycle_analyses ORDER BY 1";

    BatchTally first = analysis.analyze(slice(0, false));
    List<String> rowsAfterFirst = rows(dataSource, snapshot);
    BatchTally second = analysis.analyze(slice(0, false));

    assertThat(second).isEqualTo(first);
    assertThat(rows(dataSource, snapshot)).isEqualTo(rowsAfterFirst).hasSize(SLICE);
  }

  @Test
  void aResourceThatCannotBeAnalysedIsCountedAndSkippedUnderContinueOnError() {
    String broken = corruptTheFirstMetricOfTheSlice();

    BatchTally tally = analysis.analyze(slice(0, true));

    assertThat(tally.processed()).isEqualTo(SLICE - 1);
    assertThat(tally.failed()).isOne();
    assertThat(tally.failures()).singleElement().asString().startsWith("cannot analyse " + broken);
    assertThat(count(dataSource, "SELECT count(*) FROM cycle_analyses")).isEqualTo(SLICE - 1);
  }

  @Test
  void withoutContinueOnErrorAResourceThatCannotBeAnalysedFailsTheBatchNamingIt() {
    String broken = corruptTheFirstMetricOfTheSlice();

    assertThatThrownBy(() -> analysis.analyze(slice(0, false)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType())
                  .isEqualTo(AnalysisActivitiesImpl.RESOURCE_ANALYSIS_FAILED);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).contains(broken);
            });
  }

  @Test
  void groupsAreNeverSplitAndNoBatchIsOverfull() {
    overAllSlices(analysis::analyze);
    overAllSlices(analysis::recommend);
    int batchSize = 25;

    GroupingSummary grouping = analysis.groupDependencies(CYCLE);
    List<BatchRef> batches = analysis.packBatches(CYCLE, batchSize);

    assertThat(grouping.largestGroup()).isGreaterThan(1).isLessThanOrEqualTo(batchSize);
    assertThat(batches).extracting(BatchRef::recommendations).allMatch(n -> n <= batchSize);
    assertThat(batches.stream().mapToInt(BatchRef::recommendations).sum())
        .isEqualTo(grouping.recommendations());
    assertThat(batches)
        .extracting(BatchRef::index)
        .containsExactlyElementsOf(IntStream.range(0, batches.size()).boxed().toList());
    assertThat(
            count(
                dataSource,
                "SELECT count(*) FROM (SELECT group_id FROM cycle_recommendations"
                    + " GROUP BY group_id HAVING count(DISTINCT batch_index) > 1) split"))
        .isZero();
    assertThat(
            count(
                dataSource, "SELECT count(*) FROM cycle_recommendations WHERE batch_index IS NULL"))
        .isZero();
  }

  @Test
  void groupingAndPackingAgainGiveTheSameGroupsBatchesAndRows() {
    overAllSlices(analysis::analyze);
    overAllSlices(analysis::recommend);
    String snapshot =
        "SELECT recommendation_id, group_id, group_order, batch_index FROM cycle_recommendations"
            + " ORDER BY 1";
    GroupingSummary grouping = analysis.groupDependencies(CYCLE);
    List<BatchRef> batches = analysis.packBatches(CYCLE, 40);
    List<String> rowsAfterFirst = rows(dataSource, snapshot);

    assertThat(analysis.groupDependencies(CYCLE)).isEqualTo(grouping);
    assertThat(analysis.packBatches(CYCLE, 40)).isEqualTo(batches);
    assertThat(rows(dataSource, snapshot)).isEqualTo(rowsAfterFirst);
  }

  @Test
  void packingBeforeGroupingIsRefused() {
    analysis.analyze(slice(0, false));
    analysis.recommend(slice(0, false));

    assertThatThrownBy(() -> analysis.packBatches(CYCLE, 10))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getOriginalMessage()).contains("groupDependencies"));
  }

  /** Makes the slice's first stored series claim another resource, as a damaged row would. */
  private String corruptTheFirstMetricOfTheSlice() {
    String resourceId =
        rows(
                dataSource,
                "SELECT r.resource_id FROM cycle_resources r JOIN cycle_metrics m"
                    + " ON m.cycle_id = r.cycle_id AND m.resource_id = r.resource_id"
                    + " WHERE r.position < "
                    + SLICE
                    + " ORDER BY r.position LIMIT 1")
            .get(0);
    execute(
        dataSource,
        "UPDATE cycle_metrics SET series = jsonb_set(series, '{resourceId}', '\"someone-else\"')"
            + " WHERE resource_id = '"
            + resourceId
            + "'");
    return resourceId;
  }
}
