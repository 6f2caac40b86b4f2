package dev.flotilla.sync;

import io.temporal.activity.ActivityInterface;

/** Tells the user who started a job how it went. */
@ActivityInterface(namePrefix = "SyncNotify.")
public interface SyncNotifyActivities {

  void notify(SyncOutcome outcome);
}
