package dev.flotilla.events;

import java.util.List;

/**
 * Events after a cursor, oldest first.
 *
 * @param events at most the query's limit
 * @param lastId the cursor to read on from (the query's own when nothing new came)
 */
public record EventPage(List<EventEntry> events, long lastId) {
  public EventPage {
    events = List.copyOf(events);
  }
}
