package dev.flotilla.sync;

import io.temporal.activity.ActivityInterface;

/** Writes the phase audit log. */
@ActivityInterface(namePrefix = "PhaseLog.")
public interface PhaseLogActivities {

  /** Records one transition; recording the same (workflow, phase, status) again is a no-op. */
  void record(PhaseLogEntry entry);
}
