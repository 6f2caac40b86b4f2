package dev.flotilla.component;

import dev.flotilla.common.InvalidInputException;
import java.util.Locale;

/** What can be done to a component. In JSON the constant's name (DEPLOY); people type deploy. */
public enum ComponentOperation {
  /** Start the manifest's instances; a no-op when exactly those are running already. */
  DEPLOY,
  /** Run a different number of instances of the deployed manifest. */
  SCALE,
  /** Replace the instances with a new manifest's; a no-op when the manifest is unchanged. */
  UPDATE,
  /** Stop and start every instance, once per operation ID. */
  RESTART,
  /** Stop every instance; a no-op when none runs. */
  STOP;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ComponentOperation parse(String text) {
    for (ComponentOperation operation : values()) {
      if (operation.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return operation;
      }
    }
    throw new InvalidInputException(
        "operation '" + text + "' is not one of deploy, scale, update, restart, stop");
  }
}
