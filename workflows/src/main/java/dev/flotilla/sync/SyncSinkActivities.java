package dev.flotilla.sync;

import io.temporal.activity.ActivityInterface;

/** The sink side of a sync job: from the job's raw rows into the target table. */
@ActivityInterface(namePrefix = "SyncSink.")
public interface SyncSinkActivities {

  /** TRANSFORM: maps raw rows to the target fields. Returns how many rows were transformed. */
  long transform(SyncJob job);

  /** Undoes TRANSFORM: the job's transformed rows are deleted. Idempotent. */
  void discardTransformed(SyncJob job);

  /**
   * VALIDATE: sets aside records that break the rules, with reasons. Fails for good with type
   * {@code SyncErrorRateExceeded} when more than the job's maxErrorRate are set aside.
   */
  ValidationReport validate(SyncJob job);

  /** STAGE: writes the valid records to the staging table. Returns how many are staged. */
  long stage(SyncJob job);

  /** Undoes STAGE: the job's staged rows are deleted. Idempotent. */
  void dropStaged(SyncJob job);

  /**
   * COMMIT: merges the staged rows into the sink table in one transaction, saving the rows it
   * replaces so {@link #restoreCommitted} can put them back. Returns how many rows it wrote.
   */
  long commit(SyncJob job);

  /** Undoes COMMIT: touched sink rows get their previous versions back, new ones go. Idempotent. */
  void restoreCommitted(SyncJob job);

  /**
   * After a committed job: deletes its raw, transformed, staged and undo rows (its quarantined
   * records stay as evidence). Idempotent.
   */
  void cleanUp(SyncJob job);
}
