package dev.flotilla.sync;

import io.temporal.activity.ActivityInterface;

/** The source side of a sync job: where records come from. */
@ActivityInterface(namePrefix = "SyncSource.")
public interface SyncSourceActivities {

  /** CONNECT: the source is there and readable and the sink table takes records. */
  void connect(SyncJob job);

  /**
   * EXTRACT: copies every source record into the job's raw rows, heartbeating its cursor so a retry
   * resumes where the last attempt stopped. Returns how many raw rows the job has.
   */
  long extract(SyncJob job);

  /** Undoes EXTRACT: the job's raw rows are deleted. Idempotent. */
  void discardExtracted(SyncJob job);
}
