package dev.flotilla.optimization;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Packs recommendation groups into batches for approval and execution. */
public final class Batches {

  private Batches() {}

  /**
   * Packs {@code groups}, sorted by the id of their first recommendation, into batches of at most
   * {@code batchSize} recommendations. A group is never split: a group that does not fit in the
   * current batch starts the next one, and a group larger than {@code batchSize} is a batch of its
   * own. Groups are taken in order without looking ahead, so the same groups always give the same
   * batches and a group's position in the output follows its id.
   *
   * @throws IllegalArgumentException if {@code batchSize} is below 1
   */
  public static List<RecommendationBatch> pack(List<RecommendationGroup> groups, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
    }
    List<RecommendationGroup> sorted = new ArrayList<>(groups);
    sorted.sort(Comparator.comparing(RecommendationGroup::firstId));

    List<RecommendationBatch> batches = new ArrayList<>();
    List<RecommendationGroup> current = new ArrayList<>();
    int currentSize = 0;
    for (RecommendationGroup group : sorted) {
      if (currentSize > 0 && currentSize + group.size() > batchSize) {
        batches.add(new RecommendationBatch(batches.size(), current));
        current = new ArrayList<>();
        currentSize = 0;
      }
      current.add(group);
      currentSize += group.size();
    }
    if (!current.isEmpty()) {
      batches.add(new RecommendationBatch(batches.size(), current));
    }
    return batches;
  }
}
