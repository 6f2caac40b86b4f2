package dev.flotilla.optimization;

import java.util.List;

/**
 * Whole recommendation groups packed together to be approved and applied as one unit.
 *
 * @param index the batch's position, from 0
 * @param groups the groups in the batch, each kept whole and in acting order
 */
public record RecommendationBatch(int index, List<RecommendationGroup> groups) {

  public RecommendationBatch {
    groups = List.copyOf(groups);
  }

  /** Every recommendation of the batch, group after group, in acting order. */
  public List<Recommendation> recommendations() {
    return groups.stream().flatMap(g -> g.recommendations().stream()).toList();
  }

  public int size() {
    return groups.stream().mapToInt(RecommendationGroup::size).sum();
  }
}
