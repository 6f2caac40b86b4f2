package dev.flotilla.optimization;

/**
 * One observation about one resource, before any decision about what to do.
 *
 * @param resourceId the resource
 * @param kind the resource's kind
 * @param type what was observed
 * @param evidence one line with the numbers behind the observation
 * @param confidence from 0 to 1: how sure the analysis is, given how much data it saw and how far
 *     the numbers are from the threshold
 */
public record Finding(
    String resourceId, ResourceKind kind, FindingType type, String evidence, double confidence) {

  public Finding {
    if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
      throw new IllegalArgumentException("confidence must be within 0..1, was " + confidence);
    }
  }
}
