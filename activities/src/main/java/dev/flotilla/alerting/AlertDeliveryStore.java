package dev.flotilla.alerting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** The {@code alert_deliveries} table: which channel got which incident, across retries. */
final class AlertDeliveryStore {
  private static final String STATUSES =
      "SELECT channel, status FROM alert_deliveries WHERE incident_id = ?";

  private static final String RECORD =
      """
      INSERT INTO alert_deliveries AS d
          (incident_id, channel, status, attempts, delivered_at, last_error)
      VALUES (?, ?, ?, 1, CASE WHEN ? THEN now() END, ?)
      ON CONFLICT ON CONSTRAINT alert_deliveries_incident_channel DO UPDATE
      SET status = EXCLUDED.status,
          attempts = d.attempts + 1,
          delivered_at = COALESCE(d.delivered_at, EXCLUDED.delivered_at),
          last_error = EXCLUDED.last_error,
          updated_at = now()
      RETURNING attempts
      """;

  private final DataSource dataSource;

  AlertDeliveryStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Each channel's latest status for the incident; channels never tried are absent. */
  Map<String, AlertDelivery.Status> statuses(String incidentId) {
    Map<String, AlertDelivery.Status> statuses = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(STATUSES)) {
      ps.setString(1, incidentId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          statuses.put(rs.getString(1), AlertDelivery.Status.valueOf(rs.getString(2)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read alert_deliveries: " + e.getMessage(), e);
    }
    return statuses;
  }

  /** Records one try of a channel and returns how many tries it has had for the incident. */
  int record(String incidentId, String channel, AlertDelivery.Status status, String error) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(RECORD)) {
      ps.setString(1, incidentId);
      ps.setString(2, channel);
      ps.setString(3, status.name());
      ps.setBoolean(4, status == AlertDelivery.Status.DELIVERED);
      ps.setString(5, error);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write alert_deliveries: " + e.getMessage(), e);
    }
  }
}
