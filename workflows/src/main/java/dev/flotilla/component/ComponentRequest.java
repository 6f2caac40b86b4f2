package dev.flotilla.component;

import dev.flotilla.common.InvalidInputException;
import dev.flotilla.common.Prioritized;
import dev.flotilla.common.WorkPriority;
import dev.flotilla.common.WorkflowInput;
import java.util.regex.Pattern;

/**
 * One operation on one component.
 *
 * @param component the component's name
 * @param operation deploy, scale, update, restart or stop
 * @param manifest what to run: required by deploy and update, ignored otherwise
 * @param instances the new instance count: required by scale, ignored otherwise
 * @param operationId what makes this operation itself (a change ticket, a deploy number); the run
 *     ID when left out. Activities key their side effects on component and operation ID.
 * @param priority critical, high, normal (default) or low
 * @param requestedBy who asked
 * @param maxRestarts how often an unhealthy component is restarted before the operation fails
 *     (default 2)
 */
public record ComponentRequest(
    String component,
    ComponentOperation operation,
    ComponentManifest manifest,
    Integer instances,
    String operationId,
    String priority,
    String requestedBy,
    Integer maxRestarts)
    implements WorkflowInput, Prioritized {

  public static final int DEFAULT_MAX_RESTARTS = 2;
  private static final Pattern OPERATION_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,100}");

  public ComponentRequest {
    maxRestarts = maxRestarts == null ? DEFAULT_MAX_RESTARTS : maxRestarts;
  }

  public static ComponentRequest of(
      String component, ComponentOperation operation, ComponentManifest manifest) {
    return new ComponentRequest(component, operation, manifest, null, null, null, null, null);
  }

  /** One operation per component at a time: the ID is the component's. */
  @Override
  public String workflowId() {
    return "component/" + component;
  }

  @Override
  public String subject() {
    return "an operation on component " + component;
  }

  @Override
  public WorkPriority workPriority() {
    return WorkPriority.parse(priority);
  }

  @Override
  public void validate() {
    if (component == null || !ComponentManifest.NAME.matcher(component).matches()) {
      throw new InvalidInputException(
          "component: 'component' must be 1-63 letters, digits or ._-, e.g. \"web\"");
    }
    if (operation == null) {
      throw new InvalidInputException(
          "component "
              + component
              + ": 'operation' is required: DEPLOY, SCALE, UPDATE, RESTART"
              + " or STOP");
    }
    switch (operation) {
      case DEPLOY, UPDATE -> {
        if (manifest == null) {
          throw new InvalidInputException(
              "component "
                  + component
                  + ": "
                  + operation.label()
                  + " needs a manifest (command, instances, health)");
        }
        manifest.validate();
        if (!component.equals(manifest.name())) {
          throw new InvalidInputException(
              "component "
                  + component
                  + ": the manifest is for '"
                  + manifest.name()
                  + "'; name the same component in both");
        }
      }
      case SCALE -> ComponentManifest.checkInstances(component, instances);
      case RESTART, STOP -> {}
    }
    if (operationId != null && !OPERATION_ID.matcher(operationId).matches()) {
      throw new InvalidInputException(
          "component " + component + ": 'operationId' must be 1-100 letters, digits or ._:@-");
    }
    if (maxRestarts < 0 || maxRestarts > 10) {
      throw new InvalidInputException(
          "component " + component + ": 'maxRestarts' must be between 0 and 10");
    }
    workPriority();
  }
}
