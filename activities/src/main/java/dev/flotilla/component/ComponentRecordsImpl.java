package dev.flotilla.component;

import dev.flotilla.retention.DeletedRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** {@code component_operations} (V7): one row per component and operation ID. */
public final class ComponentRecordsImpl implements ComponentRecords {
  private static final String UPSERT =
      """
      INSERT INTO component_operations
          (component, operation_id, operation, status, instances, healthy_instances,
           automatic_restarts, priority, requested_by, workflow_id, detail, started_at, finished_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (component, operation_id) DO UPDATE SET
          operation = EXCLUDED.operation, status = EXCLUDED.status,
          instances = EXCLUDED.instances, healthy_instances = EXCLUDED.healthy_instances,
          automatic_restarts = EXCLUDED.automatic_restarts, priority = EXCLUDED.priority,
          requested_by = EXCLUDED.requested_by, workflow_id = EXCLUDED.workflow_id,
          detail = EXCLUDED.detail, started_at = EXCLUDED.started_at,
          finished_at = EXCLUDED.finished_at
      """;

  private static final String HISTORY =
      """
      SELECT component, operation_id, operation, status, instances, healthy_instances,
             automatic_restarts, priority, requested_by, workflow_id, detail, started_at,
             finished_at
        FROM component_operations
       WHERE component = ?
       ORDER BY finished_at DESC, operation_id
       LIMIT ?
      """;

  private final DataSource dataSource;

  public ComponentRecordsImpl(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void recordOperation(OperationRecord r) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(UPSERT)) {
      ps.setString(1, r.component());
      ps.setString(2, r.operationId());
      ps.setString(3, r.operation());
      ps.setString(4, r.status());
      ps.setInt(5, r.instances());
      ps.setInt(6, r.healthyInstances());
      ps.setInt(7, r.automaticRestarts());
      ps.setString(8, r.priority());
      ps.setString(9, r.requestedBy());
      ps.setString(10, r.workflowId());
      ps.setString(11, r.detail());
      ps.setTimestamp(12, Timestamp.from(r.startedAt()));
      ps.setTimestamp(13, Timestamp.from(r.finishedAt()));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("component history: " + e.getMessage(), e);
    }
  }

  @Override
  public List<OperationRecord> operationHistory(String component, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(HISTORY)) {
      ps.setString(1, component);
      ps.setInt(2, limit);
      List<OperationRecord> records = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          records.add(
              new OperationRecord(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getInt(5),
                  rs.getInt(6),
                  rs.getInt(7),
                  rs.getString(8),
                  rs.getString(9),
                  rs.getString(10),
                  rs.getString(11),
                  rs.getTimestamp(12).toInstant(),
                  rs.getTimestamp(13).toInstant()));
        }
      }
      return records;
    } catch (SQLException e) {
      throw new IllegalStateException("component history: " + e.getMessage(), e);
    }
  }

  @Override
  public DeletedRows purgeFinishedOperations(Instant cutoff) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("DELETE FROM component_operations WHERE finished_at < ?")) {
      ps.setTimestamp(1, Timestamp.from(cutoff));
      return new DeletedRows("component_operations", ps.executeUpdate());
    } catch (SQLException e) {
      throw new IllegalStateException("component history: " + e.getMessage(), e);
    }
  }
}
