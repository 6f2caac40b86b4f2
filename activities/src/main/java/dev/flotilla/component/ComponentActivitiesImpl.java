package dev.flotilla.component;

import dev.flotilla.common.ActivityPresets;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.function.Supplier;

/**
 * The component activities over a {@link ComponentRuntime}, through the worker's circuit breakers.
 * Stopping and restarting unhealthy instances bypass the breaker: they are how a failing component
 * is taken out or brought back, and must not wait for it to recover first.
 */
public final class ComponentActivitiesImpl implements ComponentActivities {
  private final ComponentRuntime runtime;
  private final ComponentBreakers breakers;

  public ComponentActivitiesImpl(ComponentRuntime runtime, ComponentBreakers breakers) {
    this.runtime = runtime;
    this.breakers = breakers;
  }

  @Override
  public ComponentStatus applyOperation(ComponentCommand command) {
    ComponentStatus status = apply(command);
    if (status.changed()) {
      breakers.started(command.component());
    }
    return status;
  }

  private ComponentStatus apply(ComponentCommand command) {
    String component = command.component();
    return refusalsAsFailures(
        () ->
            switch (command.operation()) {
              case DEPLOY -> breakers.call(component, () -> runtime.ensure(command.manifest()));
              case UPDATE -> {
                if (!runtime.deployed().contains(component)) {
                  throw ComponentRuntimeException.notDeployed(component);
                }
                yield breakers.call(component, () -> runtime.ensure(command.manifest()));
              }
              case SCALE ->
                  breakers.call(component, () -> runtime.scale(component, command.instances()));
              case RESTART ->
                  breakers.call(
                      component, () -> runtime.restart(component, command.operationId(), false));
              case STOP -> runtime.stop(component);
            });
  }

  @Override
  public HealthReport awaitHealthy(String component) {
    return breakers.call(
        component,
        () -> {
          HealthReport report = runtime.probe(component);
          if (!report.healthy()) {
            // Retryable on purpose: a starting component becomes healthy; the retry policy waits.
            // Benign: an expected state, so the SDK does not log it as an error with a trace.
            throw ApplicationFailure.newBuilder()
                .setMessage(
                    component
                        + " is not healthy ("
                        + report.healthyInstances()
                        + "/"
                        + report.instances()
                        + "): "
                        + String.join("; ", report.problems()))
                .setType(ActivityPresets.COMPONENT_UNHEALTHY)
                .setCategory(ApplicationErrorCategory.BENIGN)
                .build();
          }
          return report;
        });
  }

  @Override
  public HealthReport probeHealth(String component) {
    return runtime.probe(component);
  }

  @Override
  public ComponentStatus restartUnhealthy(String component, String recoveryKey) {
    ComponentStatus status =
        refusalsAsFailures(() -> runtime.restart(component, recoveryKey, true));
    if (status.changed()) {
      breakers.started(component);
    }
    return status;
  }

  @Override
  public List<String> deployedComponents() {
    return runtime.deployed();
  }

  /** A runtime's refusal becomes a failure of its type, which the retry policy treats as final. */
  private static ComponentStatus refusalsAsFailures(Supplier<ComponentStatus> call) {
    try {
      return call.get();
    } catch (ComponentRuntimeException e) {
      throw ApplicationFailure.newFailureWithCause(e.getMessage(), e.type(), null);
    }
  }
}
