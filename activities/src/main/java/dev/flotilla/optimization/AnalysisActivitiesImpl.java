package dev.flotilla.optimization;

import dev.flotilla.common.InvalidInputException;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Analysis, Recommendation Generation, Dependency Detection and Batching over a cycle's stored
 * inventory. Each method reads its input from the store and writes its output back keyed on
 * business identity, so running one twice leaves the same rows and answers the same.
 */
public final class AnalysisActivitiesImpl implements AnalysisActivities {

  /** The failure type of a resource that cannot be analysed while continueOnError is off. */
  public static final String RESOURCE_ANALYSIS_FAILED = "ResourceAnalysisFailed";

  /** The failure type of a resource that cannot be priced while continueOnError is off. */
  public static final String RECOMMENDATION_FAILED = "RecommendationFailed";

  private final CycleStore store;
  private final PriceTable prices;

  /** The thresholds of flotilla.yaml over the defaults; a cycle's own input wins over both. */
  private final Thresholds configured;

  public AnalysisActivitiesImpl(CycleStore store, PriceTable prices) {
    this(store, prices, Thresholds.defaults());
  }

  public AnalysisActivitiesImpl(CycleStore store, PriceTable prices, Thresholds configured) {
    this.store = store;
    this.prices = prices;
    this.configured = configured;
  }

  private Thresholds thresholdsFor(AnalysisBatch batch) {
    return batch.thresholds() == null ? configured : configured.merge(batch.thresholds());
  }

  @Override
  public BatchTally analyze(AnalysisBatch batch) {
    List<Resource> resources = store.resources(batch.cycleId(), batch.offset(), batch.count());
    Map<String, List<MetricSeries>> metrics =
        store.metrics(batch.cycleId(), batch.offset(), batch.count());
    UtilizationAnalyzer analyzer =
        new UtilizationAnalyzer(thresholdsFor(batch), asOf(batch, metrics));

    List<ResourceAnalysis> analyses = new ArrayList<>(resources.size());
    Map<String, Integer> findings = new TreeMap<>();
    Failures failures = new Failures(batch.continueOnError(), RESOURCE_ANALYSIS_FAILED, "analyse");
    for (Resource resource : resources) {
      try {
        ResourceAnalysis analysis =
            analyzer.analyze(resource, metrics.getOrDefault(resource.id(), List.of()));
        analyses.add(analysis);
        analysis.findings().forEach(f -> findings.merge(f.type().name(), 1, Integer::sum));
      } catch (RuntimeException e) {
        failures.add(resource.id(), e);
      }
    }
    store.storeAnalyses(batch.cycleId(), analyses);
    return new BatchTally(analyses.size(), failures.count(), findings, 0, failures.reasons());
  }

  @Override
  public BatchTally recommend(AnalysisBatch batch) {
    Recommender recommender = new Recommender(prices, thresholdsFor(batch));
    List<Recommendation> recommendations = new ArrayList<>();
    Map<String, Integer> byAction = new TreeMap<>();
    Failures failures = new Failures(batch.continueOnError(), RECOMMENDATION_FAILED, "price");
    int processed = 0;
    // Resources whose analysis failed have no row here: they were counted failed by analyze.
    for (ResourceAnalysis analysis :
        store.analyses(batch.cycleId(), batch.offset(), batch.count())) {
      try {
        List<Recommendation> own = recommender.recommend(analysis);
        recommendations.addAll(own);
        own.forEach(r -> byAction.merge(r.action().name(), 1, Integer::sum));
        processed++;
      } catch (RuntimeException e) {
        failures.add(analysis.resource().id(), e);
      }
    }
    store.storeRecommendations(batch.cycleId(), recommendations);
    return new BatchTally(
        processed, failures.count(), byAction, savings(recommendations), failures.reasons());
  }

  @Override
  public GroupingSummary groupDependencies(String cycleId) {
    List<Recommendation> recommendations = store.recommendations(cycleId);
    List<RecommendationGroup> groups =
        DependencyGrouping.group(recommendations, store.dependentResources(cycleId));
    store.assignGroups(cycleId, groups);
    int largest = groups.stream().mapToInt(RecommendationGroup::size).max().orElse(0);
    return new GroupingSummary(recommendations.size(), groups.size(), largest);
  }

  @Override
  public List<BatchRef> packBatches(String cycleId, int batchSize) {
    if (batchSize < 1) {
      throw new InvalidInputException("batchSize must be at least 1, was " + batchSize);
    }
    int ungrouped = store.ungroupedCount(cycleId);
    if (ungrouped > 0) {
      // Packing without groups could split dependent resources across approvals.
      throw ApplicationFailure.newNonRetryableFailure(
          "cycle "
              + cycleId
              + " has "
              + ungrouped
              + " recommendations without a group; run"
              + " groupDependencies before packBatches",
          "RecommendationsNotGrouped");
    }
    List<RecommendationBatch> batches = Batches.pack(store.groups(cycleId), batchSize);
    store.assignBatches(cycleId, batches);
    List<BatchRef> refs = new ArrayList<>(batches.size());
    for (RecommendationBatch b : batches) {
      refs.add(new BatchRef(b.index(), b.size(), savings(b.recommendations())));
    }
    return refs;
  }

  /**
   * The instant ages are measured against: the end of the cycle's metrics window, the same for
   * every batch. A cycle collected without a recorded window falls back to the batch's latest
   * metric sample.
   */
  private Instant asOf(AnalysisBatch batch, Map<String, List<MetricSeries>> metrics) {
    return store
        .windowEnd(batch.cycleId())
        .or(
            () ->
                metrics.values().stream()
                    .flatMap(List::stream)
                    .map(s -> s.start().plusSeconds((long) s.values().size() * s.stepSeconds()))
                    .max(Instant::compareTo))
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "cycle " + batch.cycleId() + " has no collected window; run collect first",
                    "CycleNotCollected"));
  }

  /** Summed in cents, so totals do not drift with the order they are added in. */
  private static double savings(List<Recommendation> recommendations) {
    BigDecimal total = BigDecimal.ZERO;
    for (Recommendation r : recommendations) {
      total = total.add(BigDecimal.valueOf(r.estimatedMonthlySavingsUsd()));
    }
    return total.setScale(2, RoundingMode.HALF_UP).doubleValue();
  }

  /**
   * Per-resource failures: counted and described under continueOnError, else the first one fails
   * the activity without retries, since the same data fails the same way again.
   */
  private static final class Failures {
    private final boolean continueOnError;
    private final String type;
    private final String verb;
    private final List<String> reasons = new ArrayList<>();
    private int count;

    Failures(boolean continueOnError, String type, String verb) {
      this.continueOnError = continueOnError;
      this.type = type;
      this.verb = verb;
    }

    void add(String resourceId, RuntimeException e) {
      String reason = "cannot " + verb + " " + resourceId + ": " + oneLine(e);
      if (!continueOnError) {
        throw ApplicationFailure.newNonRetryableFailureWithCause(reason, type, e);
      }
      count++;
      if (reasons.size() < BatchTally.MAX_FAILURES) {
        reasons.add(reason);
      }
    }

    int count() {
      return count;
    }

    List<String> reasons() {
      return reasons;
    }

    private static String oneLine(RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      int newline = message.indexOf('\n');
      return newline < 0 ? message : message.substring(0, newline);
    }
  }
}
