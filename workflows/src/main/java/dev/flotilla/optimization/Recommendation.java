package dev.flotilla.optimization;

import java.util.List;

/**
 * A proposed change to one resource, with its estimated saving.
 *
 * @param id {@code action + ":" + resourceId}, so the same proposal in two cycles has the same id
 * @param resourceId the resource to change
 * @param kind the resource's kind
 * @param action what to do
 * @param currentSize the size now, or null when the action does not change a size
 * @param proposedSize the size after the change, or null when the action does not resize
 * @param estimatedMonthlySavingsUsd list-price saving per month (730 hours), rounded to cents
 * @param rationale one line citing the evidence and the price used
 * @param confidence from 0 to 1
 * @param dependsOn the resource's own dependsOn ids, so batches can be ordered without the
 *     inventory
 */
public record Recommendation(
    String id,
    String resourceId,
    ResourceKind kind,
    RecommendationAction action,
    String currentSize,
    String proposedSize,
    double estimatedMonthlySavingsUsd,
    String rationale,
    double confidence,
    List<String> dependsOn) {

  public Recommendation {
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
  }

  /** The id a recommendation for {@code action} on {@code resourceId} has. */
  public static String idFor(RecommendationAction action, String resourceId) {
    return action + ":" + resourceId;
  }
}
