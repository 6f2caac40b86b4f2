package dev.flotilla.events;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads the event log out of {@code audit_events} by ascending ID. A type ending in "." matches as
 * a prefix. IDs come from a sequence, so a row committed late with a smaller ID than one already
 * read is missed by a follower; the events written here are single-row inserts, which makes that
 * window milliseconds wide.
 */
public final class EventFeedActivitiesImpl implements EventFeedActivities {
  private static final String READ =
      """
      SELECT id, recorded_at, workflow_id, kind, stage, item, event_type, details::text
        FROM audit_events
       WHERE id > ? AND (event_type = ANY (?) OR event_type LIKE ANY (?))
       ORDER BY id
       LIMIT ?
      """;

  private final DataSource dataSource;
  private final ObjectMapper json = new ObjectMapper();

  public EventFeedActivitiesImpl(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public EventPage readEvents(EventQuery query) {
    query.validate();
    List<String> exact = query.types().stream().filter(t -> !t.endsWith(".")).toList();
    List<String> prefixes =
        query.types().stream()
            .filter(t -> t.endsWith("."))
            .map(t -> t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
            .toList();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(READ)) {
      Array exactTypes = c.createArrayOf("text", exact.toArray());
      Array prefixTypes = c.createArrayOf("text", prefixes.toArray());
      ps.setLong(1, query.afterId());
      ps.setArray(2, exactTypes);
      ps.setArray(3, prefixTypes);
      ps.setInt(4, query.limit());
      List<EventEntry> events = new ArrayList<>();
      long lastId = query.afterId();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lastId = rs.getLong(1);
          events.add(
              new EventEntry(
                  lastId,
                  rs.getTimestamp(2).toInstant(),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  details(rs.getString(8))));
        }
      }
      return new EventPage(events, lastId);
    } catch (SQLException e) {
      throw new IllegalStateException("event log: " + e.getMessage(), e);
    }
  }

  /** Details are flat string maps when Flotilla writes them; anything else is shown as text. */
  private Map<String, String> details(String text) {
    try {
      return json.readValue(text, new TypeReference<Map<String, String>>() {});
    } catch (IOException notFlat) {
      return Map.of("details", text);
    }
  }
}
