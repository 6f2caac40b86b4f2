package dev.flotilla.optimization;

import java.util.List;

/**
 * Recommendations whose resources are connected through dependsOn, in the order to act on them: a
 * resource comes before the resources it depends on.
 *
 * @param recommendations at least one, in acting order
 */
public record RecommendationGroup(List<Recommendation> recommendations) {

  public RecommendationGroup {
    recommendations = List.copyOf(recommendations);
    if (recommendations.isEmpty()) {
      throw new IllegalArgumentException("a recommendation group needs at least one member");
    }
  }

  /** The id of the first recommendation to act on; groups are sorted by it. */
  public String firstId() {
    return recommendations.get(0).id();
  }

  public int size() {
    return recommendations.size();
  }
}
