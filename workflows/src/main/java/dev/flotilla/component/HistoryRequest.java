package dev.flotilla.component;

import dev.flotilla.common.InvalidInputException;
import dev.flotilla.common.WorkflowInput;

/**
 * Which component's operation history to read.
 *
 * @param component the component
 * @param limit the newest this many operations (default 20, at most 200)
 */
public record HistoryRequest(String component, Integer limit) implements WorkflowInput {
  public HistoryRequest {
    limit = limit == null ? 20 : limit;
  }

  @Override
  public String workflowId() {
    return "component-history/" + component + "/" + limit;
  }

  @Override
  public void validate() {
    if (component == null || !ComponentManifest.NAME.matcher(component).matches()) {
      throw new InvalidInputException("history: 'component' must be 1-63 letters, digits or ._-");
    }
    if (limit < 1 || limit > 200) {
      throw new InvalidInputException("history: 'limit' must be between 1 and 200");
    }
  }
}
