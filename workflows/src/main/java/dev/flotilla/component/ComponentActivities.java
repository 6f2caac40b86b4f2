package dev.flotilla.component;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * A component runtime as activities: local processes by default, a cluster scheduler elsewhere.
 * Every method is safe to repeat. Calls that reach the component go through a circuit breaker per
 * component shared by the worker: while it is open they fail at once with a retryable {@code
 * ComponentCircuitOpen} whose next-retry delay is the breaker's remaining open time.
 */
@ActivityInterface
public interface ComponentActivities {

  /**
   * Brings the component to what the command asks. Deploy, scale, update and stop are desired-state
   * (a repeat finds nothing to do); restart happens once per operation ID.
   */
  ComponentStatus applyOperation(ComponentCommand command);

  /**
   * Probes every instance once and fails with {@code ComponentUnhealthy} (retryable) unless all
   * pass, so the activity's retry policy is the wait for a starting component.
   */
  HealthReport awaitHealthy(String component);

  /** Probes every instance once and reports, healthy or not. */
  HealthReport probeHealth(String component);

  /**
   * Restarts the instances that are not healthy, once per {@code recoveryKey}: a retry of the same
   * recovery restarts nothing twice.
   */
  ComponentStatus restartUnhealthy(String component, String recoveryKey);

  /** The components this runtime runs now (deployed and not stopped). */
  List<String> deployedComponents();
}
