package dev.flotilla.sync;

/** How much of a failed job is undone. */
public enum Rollback {
  /** Leave everything as the failure left it, e.g. to inspect the staged rows. */
  NONE,
  /**
   * Undo only the failed phase's partial work: the job is back where the previous phase left it.
   */
  PREVIOUS,
  /** Undo every completed phase in reverse order: the sink is as it was before the job. */
  ALL
}
