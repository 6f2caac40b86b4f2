package dev.flotilla.optimization;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Analysis, recommendation, dependency detection and batching over a cycle's stored inventory. */
@ActivityInterface
public interface AnalysisActivities {
  /** Utilisation statistics and findings for a slice of the inventory; stored per resource. */
  BatchTally analyze(AnalysisBatch batch);

  /** Priced recommendations from the stored findings of a slice; stored per recommendation. */
  BatchTally recommend(AnalysisBatch batch);

  /** Groups the cycle's recommendations whose resources depend on each other, in acting order. */
  GroupingSummary groupDependencies(String cycleId);

  /** Packs the groups into approval batches of at most {@code batchSize}, never splitting one. */
  List<BatchRef> packBatches(String cycleId, int batchSize);
}
