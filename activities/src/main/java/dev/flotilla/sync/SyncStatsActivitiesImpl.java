package dev.flotilla.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** {@code workflow_phase_analytics} and {@code workflow_phase_sla_violations}, since a time. */
public final class SyncStatsActivitiesImpl implements SyncStatsActivities {
  private static final Instant BEGINNING = Instant.EPOCH;

  private final DataSource dataSource;

  public SyncStatsActivitiesImpl(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public SyncStats read(SyncStatsRequest request) {
    request.validate();
    Timestamp since = Timestamp.from(request.since() == null ? BEGINNING : request.since());
    try (Connection c = dataSource.getConnection()) {
      return new SyncStats(
          request.since(),
          analytics(c, since),
          violations(c, since, request.maxViolations()),
          violationCount(c, since));
    } catch (SQLException e) {
      throw new IllegalStateException("reading the sync phase analytics: " + e, e);
    }
  }

  private static List<SyncStats.PhaseAnalytics> analytics(Connection c, Timestamp since)
      throws SQLException {
    List<SyncStats.PhaseAnalytics> rows = new ArrayList<>();
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT phase_number, phase_name, total, completed, failed, rolled_back,"
                + " avg_duration_ms::bigint, round(p95_duration_ms)::bigint"
                + " FROM workflow_phase_analytics_since(?) ORDER BY phase_number")) {
      select.setTimestamp(1, since);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new SyncStats.PhaseAnalytics(
                  rs.getInt(1),
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getLong(6),
                  rs.getObject(7, Long.class),
                  rs.getObject(8, Long.class)));
        }
      }
    }
    return rows;
  }

  private static List<SyncStats.SlaViolation> violations(Connection c, Timestamp since, int limit)
      throws SQLException {
    List<SyncStats.SlaViolation> rows = new ArrayList<>();
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT workflow_id, user_id, phase_name, status, \"timestamp\", duration_ms, sla_ms,"
                + " over_by_ms FROM workflow_phase_sla_violations WHERE \"timestamp\" >= ?"
                + " ORDER BY \"timestamp\" DESC, workflow_id, phase_number LIMIT ?")) {
      select.setTimestamp(1, since);
      select.setInt(2, limit);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new SyncStats.SlaViolation(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getTimestamp(5).toInstant(),
                  rs.getLong(6),
                  rs.getLong(7),
                  rs.getLong(8)));
        }
      }
    }
    return rows;
  }

  private static long violationCount(Connection c, Timestamp since) throws SQLException {
    try (PreparedStatement count =
        c.prepareStatement(
            "SELECT count(*) FROM workflow_phase_sla_violations WHERE \"timestamp\" >= ?")) {
      count.setTimestamp(1, since);
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
