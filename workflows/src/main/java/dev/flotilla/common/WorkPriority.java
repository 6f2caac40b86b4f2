package dev.flotilla.common;

import io.temporal.common.Priority;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How urgent a request is. Each level maps to a Temporal task priority key (1 is served first), so
 * the server orders tasks on a queue by it, FIFO within a level, where its priority matcher is on
 * (docs/architecture.md section 15 says which settings); Flotilla keeps no queue of its own. {@code
 * normal} is key 3, the server's default, so unmarked work and normal work are treated alike.
 */
public enum WorkPriority {
  CRITICAL(1),
  HIGH(2),
  NORMAL(3),
  LOW(4);

  private final int key;

  WorkPriority(int key) {
    this.key = key;
  }

  /** The priority key Temporal orders tasks by: lower runs first. */
  public int key() {
    return key;
  }

  /** What a person types and what the FlotillaPriority search attribute holds. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The task priority for workflow and activity options. */
  public Priority temporal() {
    return Priority.newBuilder().setPriorityKey(key).build();
  }

  /** Reads critical, high, normal or low (any case); missing means normal. */
  public static WorkPriority parse(String text) {
    if (text == null || text.isBlank()) {
      return NORMAL;
    }
    return Arrays.stream(values())
        .filter(p -> p.label().equalsIgnoreCase(text.trim()))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "priority '"
                        + text
                        + "' is not one of "
                        + Arrays.stream(values())
                            .map(WorkPriority::label)
                            .collect(Collectors.joining(", "))));
  }
}
