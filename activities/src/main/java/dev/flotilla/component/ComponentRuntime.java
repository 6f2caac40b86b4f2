package dev.flotilla.component;

import java.util.List;

/**
 * Where components run. {@link LocalProcessRuntime} runs each instance as an OS process on the
 * worker's host; a Kubernetes or ECS runtime would implement the same methods against its scheduler
 * (a Deployment's replicas, a service's desired count). Every method must be safe to repeat: the
 * activities above it are retried.
 */
public interface ComponentRuntime extends AutoCloseable {

  /**
   * Makes the manifest's instances run: starts them when the component is new, replaces them when
   * the manifest changed, starts missing ones and stops surplus ones otherwise.
   */
  ComponentStatus ensure(ComponentManifest manifest);

  /**
   * Runs {@code instances} instances of the deployed manifest.
   *
   * @throws ComponentRuntimeException of type not-deployed when there is none
   */
  ComponentStatus scale(String component, int instances);

  /**
   * Stops and starts the instances, once per {@code key}: a repeat with the same key changes
   * nothing. With {@code onlyUnhealthy} only instances failing their health check are restarted.
   */
  ComponentStatus restart(String component, String key, boolean onlyUnhealthy);

  /** Stops every instance and forgets the component; nothing to do when it does not run. */
  ComponentStatus stop(String component);

  /** Probes every instance once. */
  HealthReport probe(String component);

  /** Components deployed and not stopped, sorted. */
  List<String> deployed();

  /** What runs now, without changing anything. */
  ComponentStatus status(String component);

  @Override
  void close();
}
