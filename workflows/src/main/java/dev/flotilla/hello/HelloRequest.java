package dev.flotilla.hello;

import dev.flotilla.common.InvalidInputException;
import dev.flotilla.common.WorkflowInput;

/**
 * Who to greet.
 *
 * @param name the person or system to greet
 * @param requestId what makes two requests for the same name different runs (for example a date)
 */
public record HelloRequest(String name, String requestId) implements WorkflowInput {

  @Override
  public String workflowId() {
    return "hello/" + name + (requestId == null || requestId.isBlank() ? "" : "/" + requestId);
  }

  @Override
  public void validate() {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException(
          "hello: field 'name' is missing; give it, for example {\"name\": \"ops\"}");
    }
    if (name.length() > 100) {
      throw new InvalidInputException("hello: field 'name' is longer than 100 characters");
    }
    if (requestId != null && requestId.length() > 100) {
      throw new InvalidInputException("hello: field 'requestId' is longer than 100 characters");
    }
  }
}
