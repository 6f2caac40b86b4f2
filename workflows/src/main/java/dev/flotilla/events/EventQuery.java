package dev.flotilla.events;

import dev.flotilla.common.InvalidInputException;
import dev.flotilla.common.WorkflowInput;
import java.util.List;

/**
 * Which events to read.
 *
 * @param afterId only events with a larger ID (0: from the start)
 * @param types event types or prefixes ("component." matches every component event); the log's
 *     {@link SystemEvent} types when left out
 * @param limit at most this many (default 100, at most 500, which keeps a page far below the
 *     payload limit)
 */
public record EventQuery(Long afterId, List<String> types, Integer limit) implements WorkflowInput {
  public static final int MAX_LIMIT = 500;

  public EventQuery {
    afterId = afterId == null ? 0 : afterId;
    types = types == null || types.isEmpty() ? SystemEvent.all() : List.copyOf(types);
    limit = limit == null ? 100 : limit;
  }

  /** Equal queries share a read: a second start while one is open joins it. */
  @Override
  public String workflowId() {
    return "events/after-" + afterId + "/" + String.join(",", types) + "/" + limit;
  }

  @Override
  public void validate() {
    if (afterId < 0) {
      throw new InvalidInputException("events: 'afterId' must be 0 or more");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("events: 'limit' must be between 1 and " + MAX_LIMIT);
    }
    if (types.stream().anyMatch(t -> t == null || t.isBlank() || t.length() > 64)) {
      throw new InvalidInputException("events: every type must be 1-64 characters");
    }
  }
}
