package dev.flotilla.alerting;

import dev.flotilla.store.FlotillaDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** An embedded PostgreSQL with a freshly migrated Flotilla database per test. */
final class AlertingDatabase implements AutoCloseable {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final EmbeddedPostgres postgres;

  private AlertingDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static AlertingDatabase start() throws IOException {
    return new AlertingDatabase(EmbeddedPostgres.builder().start());
  }

  FlotillaDatabase fresh() throws SQLException {
    String name = "alerting_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return FlotillaDatabase.connect(
        postgres.getJdbcUrl("postgres", name), "postgres", "postgres", 2);
  }

  /** The row alert_deliveries keeps for an incident and channel: status, attempts, delivered. */
  static String row(FlotillaDatabase db, String incidentId, String channel) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT status, attempts, delivered_at IS NOT NULL FROM alert_deliveries"
                    + " WHERE incident_id = ? AND channel = ?")) {
      ps.setString(1, incidentId);
      ps.setString(2, channel);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? rs.getString(1) + " attempts=" + rs.getInt(2) + " delivered=" + rs.getBoolean(3)
            : "none";
      }
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
