package dev.flotilla.approval;

import dev.flotilla.optimization.CycleStore.PlannedAction;

/** Carries out one approved recommendation for real. */
public interface ActionExecutor {

  /**
   * Does what {@code action} recommends, or finds it already done.
   *
   * @return one line saying what was done, for {@code executed_actions} and the approval's report
   * @throws io.temporal.failure.ApplicationFailure typed: non-retryable when AWS refuses the call
   *     or the resource is in a state the action cannot apply to, retryable when AWS is throttling
   *     or unavailable
   */
  String execute(PlannedAction action, Progress progress);

  /** What an action may keep across attempts, and how it shows it is alive. */
  interface Progress {
    /**
     * Remembers {@code observed} as the resource's state before the action changed anything, and
     * returns the state remembered first: an earlier attempt's, when there was one.
     */
    String priorState(String observed);

    /** Called while waiting on AWS, so a lost worker is noticed by the heartbeat timeout. */
    void heartbeat();
  }
}
