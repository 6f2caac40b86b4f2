package dev.flotilla.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.store.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetentionActivitiesTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final Instant OLD = NOW.minus(Duration.ofDays(120));
  private static final Instant RECENT = NOW.minus(Duration.ofDays(2));

  private DataSource dataSource;
  private RetentionActivitiesImpl retention;

  @BeforeEach
  void freshDatabase() {
    dataSource = TestDatabases.freshMigrated();
    retention = new RetentionActivitiesImpl(dataSource);
  }

  @Test
  void givenOldAndRecentAuditEvents_whenPurged_itShouldDeleteOnlyTheOldOnesAndBeIdempotent()
      throws SQLException {
    // More than one chunk of old rows, so the loop is exercised.
    int oldRows = RetentionActivitiesImpl.CHUNK + 17;
    insertAuditEvents(oldRows, OLD);
    insertAuditEvents(3, RECENT);

    List<DeletedRows> first = retention.purgeAudit(NOW.minus(Duration.ofDays(90)));
    List<DeletedRows> again = retention.purgeAudit(NOW.minus(Duration.ofDays(90)));

    assertThat(first)
        .containsExactly(
            new DeletedRows("audit_events", oldRows), new DeletedRows("executed_actions", 0));
    assertThat(again).extracting(DeletedRows::rows).containsOnly(0L);
    assertThat(count("audit_events")).isEqualTo(3);
  }

  @Test
  void givenOldAndRecentCycleData_whenPurged_itShouldDeleteOnlyTheOldRowsOfEveryCycleTable()
      throws SQLException {
    insertCycle("old-cycle", OLD);
    insertCycle("recent-cycle", RECENT);

    List<DeletedRows> deleted = retention.purgeCycleData(NOW.minus(Duration.ofDays(30)));

    assertThat(deleted)
        .extracting(DeletedRows::table)
        .containsExactlyInAnyOrder(
            "cycle_metrics",
            "cycle_analyses",
            "cycle_recommendations",
            "cycle_resources",
            "cycle_windows");
    assertThat(deleted.stream().filter(d -> !d.table().equals("cycle_analyses")))
        .allSatisfy(d -> assertThat(d.rows()).as(d.table()).isEqualTo(1));
    for (String table : List.of("cycle_windows", "cycle_resources", "cycle_metrics")) {
      assertThat(cycleIds(table)).as(table).containsExactly("recent-cycle");
    }
  }

  private void insertAuditEvents(int rows, Instant at) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO audit_events (workflow_id, kind, stage, item, event_type,"
                    + " recorded_at) VALUES (?, 'test', 'Audit', ?, 'Recorded', ?)")) {
      for (int i = 0; i < rows; i++) {
        insert.setString(1, "wf-" + at);
        insert.setString(2, "item-" + i);
        insert.setTimestamp(3, Timestamp.from(at));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** One row in each cycle table (no analysis: that one is left empty to show zero counts). */
  private void insertCycle(String cycleId, Instant at) throws SQLException {
    Timestamp when = Timestamp.from(at);
    try (Connection c = dataSource.getConnection()) {
      execute(
          c,
          "INSERT INTO cycle_windows (cycle_id, scope_key, window_from, window_to, created_at)"
              + " VALUES (?, 'aws:1/us-east-1/all', ?, ?, ?)",
          cycleId,
          when,
          when,
          when);
      execute(
          c,
          "INSERT INTO cycle_resources (cycle_id, position, resource_id, kind, payload,"
              + " created_at) VALUES (?, 0, 'i-1', 'EC2_INSTANCE', '{}'::jsonb, ?)",
          cycleId,
          when);
      execute(
          c,
          "INSERT INTO cycle_metrics (cycle_id, resource_id, metric, series, created_at)"
              + " VALUES (?, 'i-1', 'CPUUtilization', '[]'::jsonb, ?)",
          cycleId,
          when);
      execute(
          c,
          "INSERT INTO cycle_recommendations (cycle_id, recommendation_id, resource_id, action,"
              + " savings_usd, payload, created_at) VALUES (?, 'r-1', 'i-1', 'STOP', 1.0,"
              + " '{}'::jsonb, ?)",
          cycleId,
          when);
    }
  }

  private static void execute(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.executeUpdate();
    }
  }

  private long count(String table) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private List<String> cycleIds(String table) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT cycle_id FROM " + table)) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}
