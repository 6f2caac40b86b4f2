package dev.flotilla.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Writes the append-only audit trail. (workflowId, stage, item, eventType) is the business key: the
 * same event written twice, by a retried activity or a replayed workflow, keeps its first row.
 */
public final class AuditLog {

  private static final String INSERT =
      """
      INSERT INTO audit_events
          (workflow_id, run_id, kind, stage, item, event_type, actor, details)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
      ON CONFLICT ON CONSTRAINT audit_events_business_key DO NOTHING
      """;

  private final DataSource dataSource;
  private final ObjectMapper json = new ObjectMapper();

  public AuditLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Records {@code event} once.
   *
   * @param runId the run that wrote it, for tracing back into history; null when unknown
   * @return whether this call wrote the row (false: it was there already)
   */
  public boolean record(AuditEvent event, String runId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, event.workflowId());
      ps.setString(2, runId);
      ps.setString(3, event.kind());
      ps.setString(4, event.stage());
      ps.setString(5, event.item());
      ps.setString(6, event.eventType());
      ps.setString(7, event.actor());
      ps.setString(8, json.writeValueAsString(event.details()));
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      // Unchecked, so Temporal retries it: the database may come back.
      throw new IllegalStateException("audit: " + e.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("audit: details are not writable as JSON", e);
    }
  }
}
