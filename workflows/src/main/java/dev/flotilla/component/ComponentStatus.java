package dev.flotilla.component;

import java.util.List;

/**
 * A component's instances after an operation.
 *
 * @param component the component
 * @param desiredInstances how many should run
 * @param instances what runs (or ran)
 * @param changed whether this call changed anything; false for a repeated operation
 */
public record ComponentStatus(
    String component, int desiredInstances, List<InstanceStatus> instances, boolean changed) {
  public ComponentStatus {
    instances = List.copyOf(instances);
  }

  public long running() {
    return instances.stream().filter(InstanceStatus::running).count();
  }
}
