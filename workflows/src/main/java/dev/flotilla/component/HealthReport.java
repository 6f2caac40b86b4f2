package dev.flotilla.component;

import java.util.List;

/**
 * The result of probing every instance of a component.
 *
 * @param component the component
 * @param instances instances probed
 * @param healthyInstances instances that passed
 * @param problems one line per instance that did not, e.g. "instance 1: connection refused"
 */
public record HealthReport(
    String component, int instances, int healthyInstances, List<String> problems) {
  public HealthReport {
    problems = List.copyOf(problems);
  }

  /** Every desired instance answered; a stopped component (none desired) is not healthy. */
  public boolean healthy() {
    return instances > 0 && healthyInstances == instances;
  }
}
