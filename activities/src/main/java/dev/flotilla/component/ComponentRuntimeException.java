package dev.flotilla.component;

import dev.flotilla.common.ActivityPresets;

/**
 * A runtime refusing an operation for a reason a retry cannot fix. {@link #type()} is the failure
 * type the activity reports, which the retry policy treats as final.
 */
public final class ComponentRuntimeException extends RuntimeException {
  private final String type;

  private ComponentRuntimeException(String type, String message, Throwable cause) {
    super(message, cause);
    this.type = type;
  }

  public static ComponentRuntimeException notDeployed(String component) {
    return new ComponentRuntimeException(
        ActivityPresets.COMPONENT_NOT_DEPLOYED,
        "component " + component + " is not deployed; deploy it first",
        null);
  }

  public static ComponentRuntimeException launchFailed(
      String component, String command, Throwable cause) {
    return new ComponentRuntimeException(
        ActivityPresets.COMPONENT_LAUNCH_FAILED,
        "component " + component + ": cannot start '" + command + "': " + cause.getMessage(),
        cause);
  }

  public String type() {
    return type;
  }
}
