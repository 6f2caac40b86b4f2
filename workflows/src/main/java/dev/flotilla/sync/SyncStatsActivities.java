package dev.flotilla.sync;

import io.temporal.activity.ActivityInterface;

/** Reads the phase audit log's views. */
@ActivityInterface(namePrefix = "SyncStats.")
public interface SyncStatsActivities {

  SyncStats read(SyncStatsRequest request);
}
