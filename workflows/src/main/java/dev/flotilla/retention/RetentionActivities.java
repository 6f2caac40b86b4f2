package dev.flotilla.retention;

import io.temporal.activity.ActivityInterface;
import java.time.Instant;
import java.util.List;

/**
 * Deletes what Flotilla's database holds past its retention, one table family per call. The cut-off
 * is computed by the workflow and passed in, so a retried call deletes against the same instant and
 * is idempotent: rows already gone are simply not counted again.
 */
@ActivityInterface
public interface RetentionActivities {

  /** Audit events and executed actions recorded before {@code cutoff}. */
  List<DeletedRows> purgeAudit(Instant cutoff);

  /** Stored cycle data (windows, resources, metrics, analyses, recommendations). */
  List<DeletedRows> purgeCycleData(Instant cutoff);

  /** Alert delivery records last updated before {@code cutoff}. */
  List<DeletedRows> purgeAlertDeliveries(Instant cutoff);
}
