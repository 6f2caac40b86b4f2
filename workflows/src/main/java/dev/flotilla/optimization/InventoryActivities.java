package dev.flotilla.optimization;

import io.temporal.activity.ActivityInterface;

/** Metric Retrieval: the scanners (AWS, file, sample) and the cycle's inventory store. */
@ActivityInterface
public interface InventoryActivities {
  /**
   * Pages through the scope's resources and stores them with their metric series under the cycle.
   * Heartbeats its cursor, so a retried attempt resumes at the page where the last one stopped;
   * storing is keyed on (cycle, resource), so a repeated page writes nothing twice.
   */
  InventorySnapshot collect(CollectRequest request);
}
