package dev.flotilla.events;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One event of the log, as {@code flotilla events} shows it.
 *
 * @param id the row's position in the log: later events have larger IDs
 * @param recordedAt when it was written
 * @param workflowId the workflow it is about
 * @param kind the workflow's kind (component, maintenance, ...)
 * @param stage the stage or operation it happened in
 * @param item what inside that stage (an operation ID, an instance)
 * @param eventType one of {@link SystemEvent}
 * @param details small key/value facts
 */
public record EventEntry(
    long id,
    Instant recordedAt,
    String workflowId,
    String kind,
    String stage,
    String item,
    String eventType,
    Map<String, String> details) {
  public EventEntry {
    details = details == null ? Map.of() : new TreeMap<>(details);
  }
}
