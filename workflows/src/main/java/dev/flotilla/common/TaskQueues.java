package dev.flotilla.common;

/**
 * Task queues Flotilla's workers poll. Work is split by what it waits on, so a slow adapter family
 * (cloud scans, local processes) cannot starve the others of worker slots.
 */
public final class TaskQueues {
  /** Workflow tasks and the quick activities of every feature. */
  public static final String CORE = "flotilla-core";

  private TaskQueues() {}

  public static java.util.List<String> all() {
    return java.util.List.of(CORE);
  }
}
