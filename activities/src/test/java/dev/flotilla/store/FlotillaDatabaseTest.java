package dev.flotilla.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FlotillaDatabaseTest {

  private static final String INSERT_ONCE =
      """
      INSERT INTO audit_events (workflow_id, kind, stage, item, event_type)
      VALUES (?, 'finops', ?, ?, ?)
      ON CONFLICT ON CONSTRAINT audit_events_business_key DO NOTHING
      """;

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  /** A fresh, empty database on the shared server, so every test starts from no schema. */
  private static String freshDatabaseUrl() throws SQLException {
    String name = "flotilla_test_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return postgres.getJdbcUrl("postgres", name);
  }

  private static FlotillaDatabase connectFresh() throws SQLException {
    return FlotillaDatabase.connect(freshDatabaseUrl(), "postgres", "postgres", 2);
  }

  private static long count(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static int insertOnce(
      DataSource dataSource, String workflowId, String stage, String item, String eventType)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(INSERT_ONCE)) {
      ps.setString(1, workflowId);
      ps.setString(2, stage);
      ps.setString(3, item);
      ps.setString(4, eventType);
      return ps.executeUpdate();
    }
  }

  @Test
  void connectMigratesTheAuditTableWithItsBusinessKey() throws SQLException {
    try (FlotillaDatabase db = connectFresh()) {
      assertThat(
              count(
                  db.dataSource(),
                  "SELECT count(*) FROM information_schema.tables"
                      + " WHERE table_schema = 'public' AND table_name = 'audit_events'"))
          .isEqualTo(1);
      try (Connection c = db.dataSource().getConnection();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                      + " WHERE conname = 'audit_events_business_key'"
                      + " AND conrelid = 'audit_events'::regclass")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("UNIQUE (workflow_id, stage, item, event_type)");
      }
    }
  }

  @Test
  void theSameBusinessKeyWrittenTwiceLeavesOneRow() throws SQLException {
    try (FlotillaDatabase db = connectFresh()) {
      DataSource ds = db.dataSource();

      assertThat(insertOnce(ds, "wf-1", "approve", "i-0abc", "approved")).isEqualTo(1);
      assertThat(insertOnce(ds, "wf-1", "approve", "i-0abc", "approved")).isZero();

      assertThat(count(ds, "SELECT count(*) FROM audit_events")).isEqualTo(1);
    }
  }

  @Test
  void aDifferentPartOfTheBusinessKeyIsANewRow() throws SQLException {
    try (FlotillaDatabase db = connectFresh()) {
      DataSource ds = db.dataSource();

      insertOnce(ds, "wf-1", "approve", "i-0abc", "approved");
      insertOnce(ds, "wf-1", "approve", "i-0abc", "rejected");
      insertOnce(ds, "wf-1", "approve", "i-0def", "approved");
      insertOnce(ds, "wf-1", "execute", "i-0abc", "approved");
      insertOnce(ds, "wf-2", "approve", "i-0abc", "approved");

      assertThat(count(ds, "SELECT count(*) FROM audit_events")).isEqualTo(5);
    }
  }

  @Test
  void anEventWithoutItemOrDetailsGetsTheDefaults() throws SQLException {
    try (FlotillaDatabase db = connectFresh();
        Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO audit_events (workflow_id, kind, stage, event_type)"
              + " VALUES ('wf-1', 'finops', 'scan', 'started')");
      try (ResultSet rs =
          s.executeQuery("SELECT item, details::text, recorded_at IS NOT NULL FROM audit_events")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEmpty();
        assertThat(rs.getString(2)).isEqualTo("{}");
        assertThat(rs.getBoolean(3)).isTrue();
      }
    }
  }

  @Test
  void migratingAgainIsANoOp() throws SQLException {
    String url = freshDatabaseUrl();
    long versionsApplied;
    try (FlotillaDatabase db = FlotillaDatabase.connect(url, "postgres", "postgres", 2)) {
      FlotillaDatabase.migrate(db.dataSource());
      insertOnce(db.dataSource(), "wf-1", "scan", "", "started");
      versionsApplied =
          count(
              db.dataSource(),
              "SELECT count(*) FROM flyway_schema_history WHERE version IS NOT NULL");
    }
    try (FlotillaDatabase again = FlotillaDatabase.connect(url, "postgres", "postgres", 2)) {
      DataSource ds = again.dataSource();

      assertThat(
              count(
                  ds, "SELECT count(*) FROM flyway_schema_history WHERE version = '1' AND success"))
          .isEqualTo(1);
      // Each feature adds its own migration; migrating again must add none.
      assertThat(count(ds, "SELECT count(*) FROM flyway_schema_history WHERE version IS NOT NULL"))
          .isEqualTo(versionsApplied);
      assertThat(count(ds, "SELECT count(*) FROM flyway_schema_history WHERE NOT success"))
          .isZero();
      assertThat(count(ds, "SELECT count(*) FROM audit_events")).isEqualTo(1);
    }
  }

  @Test
  void closeReleasesThePool() throws SQLException {
    FlotillaDatabase db = connectFresh();
    DataSource ds = db.dataSource();

    db.close();

    assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);
  }

  @Test
  void aUrlNoDriverAcceptsFailsAtOnce() {
    assertThatThrownBy(
            () ->
                FlotillaDatabase.connect(
                    "jdbc:postgresql://localhost:notaport/flotilla", "postgres", "postgres", 2))
        .isInstanceOf(RuntimeException.class)
        .hasMessageContaining("jdbc:postgresql://localhost:notaport/flotilla");
  }

  /**
   * Nothing listens on the port: connect gives up after Hikari's initialization window (10 s in the
   * code) instead of hanging. The timeout only guards against a hang; it asserts no speed.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aClosedPortFailsWithAnExceptionInsteadOfHanging() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/flotilla?connectTimeout=5";

    assertThatThrownBy(() -> FlotillaDatabase.connect(url, "postgres", "s3cr3t-pw", 2))
        .isInstanceOf(RuntimeException.class)
        .hasMessageNotContaining("s3cr3t-pw")
        .hasRootCauseInstanceOf(java.net.ConnectException.class);
  }
}
