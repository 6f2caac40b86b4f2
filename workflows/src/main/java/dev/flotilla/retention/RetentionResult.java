package dev.flotilla.retention;

import java.time.Instant;
import java.util.List;

/**
 * What a retention run deleted.
 *
 * @param auditCutoff audit rows recorded before this were deleted
 * @param metricsCutoff cycle data created before this was deleted
 * @param deliveriesCutoff alert deliveries last updated before this were deleted
 * @param deleted rows deleted, per table
 */
public record RetentionResult(
    Instant auditCutoff,
    Instant metricsCutoff,
    Instant deliveriesCutoff,
    List<DeletedRows> deleted) {

  public long total() {
    return deleted.stream().mapToLong(DeletedRows::rows).sum();
  }
}
