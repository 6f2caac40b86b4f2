package dev.flotilla.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL for the whole test JVM, and a fresh migrated database per test: starting
 * a server per class would cost more than the tests.
 */
public final class TestDatabases {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;
  private static EmbeddedPostgres other;

  private TestDatabases() {}

  /** A new, empty database with Flotilla's migrations applied. */
  public static DataSource freshMigrated() {
    try {
      EmbeddedPostgres server = server();
      String name = "flotilla_it_" + DATABASES.incrementAndGet();
      try (Connection c = server.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      DataSource dataSource = server.getDatabase("postgres", name);
      FlotillaDatabase.migrate(dataSource);
      return dataSource;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The JDBC URL (with its user) of a new, empty database on a second embedded server: a database
   * that is not Flotilla's, such as a sync job's external sink.
   */
  public static String freshElsewhere() {
    try {
      EmbeddedPostgres server = otherServer();
      String name = "elsewhere_" + DATABASES.incrementAndGet();
      try (Connection c = server.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      return server.getJdbcUrl("postgres", name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static synchronized EmbeddedPostgres otherServer() {
    if (other == null) {
      other = startedUntilExit();
    }
    return other;
  }

  private static synchronized EmbeddedPostgres server() {
    if (postgres == null) {
      postgres = startedUntilExit();
    }
    return postgres;
  }

  private static EmbeddedPostgres startedUntilExit() {
    EmbeddedPostgres started;
    try {
      started = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    started.close();
                  } catch (IOException e) {
                    // The JVM is exiting; the server's directory is temporary anyway.
                  }
                }));
    return started;
  }

  /** The first column of every row of {@code sql}, as text. */
  public static List<String> strings(DataSource dataSource, String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A single number, such as a {@code count(*)}. */
  public static long count(DataSource dataSource, String sql) {
    return Long.parseLong(strings(dataSource, sql).get(0));
  }

  public static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
