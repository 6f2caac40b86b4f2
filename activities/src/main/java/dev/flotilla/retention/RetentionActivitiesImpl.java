package dev.flotilla.retention;

import io.temporal.activity.Activity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Deletes old rows in chunks of {@link #CHUNK} so no single statement holds locks on, or writes WAL
 * for, a whole table; each chunk commits on its own and heartbeats, so a retry after a crash starts
 * from whatever is left.
 */
public final class RetentionActivitiesImpl implements RetentionActivities {

  static final int CHUNK = 5000;

  /** A table and the column that says when its row was written. Fixed here, never from input. */
  private record AgedTable(String table, String timeColumn) {
    String deleteChunk() {
      // ctid: PostgreSQL has no DELETE ... LIMIT, and not every table here has a single-column key.
      return "DELETE FROM "
          + table
          + " WHERE ctid IN (SELECT ctid FROM "
          + table
          + " WHERE "
          + timeColumn
          + " < ? LIMIT "
          + CHUNK
          + ")";
    }
  }

  private static final List<AgedTable> AUDIT =
      List.of(
          new AgedTable("audit_events", "recorded_at"),
          new AgedTable("executed_actions", "executed_at"));

  private static final List<AgedTable> CYCLE_DATA =
      List.of(
          new AgedTable("cycle_metrics", "created_at"),
          new AgedTable("cycle_analyses", "created_at"),
          new AgedTable("cycle_recommendations", "created_at"),
          new AgedTable("cycle_resources", "created_at"),
          new AgedTable("cycle_windows", "created_at"));

  private static final List<AgedTable> DELIVERIES =
      List.of(new AgedTable("alert_deliveries", "updated_at"));

  private final DataSource dataSource;

  public RetentionActivitiesImpl(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public List<DeletedRows> purgeAudit(Instant cutoff) {
    return purge(AUDIT, cutoff);
  }

  @Override
  public List<DeletedRows> purgeCycleData(Instant cutoff) {
    return purge(CYCLE_DATA, cutoff);
  }

  @Override
  public List<DeletedRows> purgeAlertDeliveries(Instant cutoff) {
    return purge(DELIVERIES, cutoff);
  }

  private List<DeletedRows> purge(List<AgedTable> tables, Instant cutoff) {
    List<DeletedRows> deleted = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      for (AgedTable table : tables) {
        deleted.add(new DeletedRows(table.table(), purge(connection, table, cutoff)));
      }
    } catch (SQLException e) {
      // Retryable: a lost connection or a lock timeout is worth another attempt.
      throw new IllegalStateException("retention delete failed: " + e.getMessage(), e);
    }
    return deleted;
  }

  private static long purge(Connection connection, AgedTable table, Instant cutoff)
      throws SQLException {
    long total = 0;
    try (PreparedStatement delete = connection.prepareStatement(table.deleteChunk())) {
      delete.setTimestamp(1, Timestamp.from(cutoff));
      int chunk;
      do {
        chunk = delete.executeUpdate();
        total += chunk;
        heartbeat(table.table() + ": " + total);
      } while (chunk == CHUNK);
    }
    return total;
  }

  /** Outside an activity (a direct call from a test or a tool) there is nobody to tell. */
  private static void heartbeat(String progress) {
    try {
      Activity.getExecutionContext().heartbeat(progress);
    } catch (IllegalStateException notInAnActivity) {
      // Nothing to report to.
    }
  }
}
