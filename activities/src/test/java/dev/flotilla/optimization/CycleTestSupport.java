package dev.flotilla.optimization;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Shared pieces of the tests that run the cycle's activities against a real database. */
public final class CycleTestSupport {

  /** Hour-aligned, so the sample's window ends exactly at the request's end. */
  public static final Instant TO = Instant.parse("2025-01-15T00:00:00Z");

  public static final Instant FROM = TO.minus(Duration.ofDays(SampleInventory.WINDOW_DAYS));

  /** The sample's own account and both its regions: the source passes every resource through. */
  public static final Scope SAMPLE_SCOPE =
      new Scope("sample", SampleInventory.ACCOUNT, SampleInventory.REGIONS, List.of());

  /** One attempt: a test that wants a retry makes it itself, with the heartbeat it chooses. */
  public static final ActivityOptions ONE_ATTEMPT =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  private CycleTestSupport() {}

  public static CollectRequest collect(String cycleId) {
    return new CollectRequest(cycleId, SAMPLE_SCOPE, FROM, TO);
  }

  /** The single number a query answers; 0 for no row or NULL. */
  public static long count(DataSource dataSource, String sql) {
    List<String> rows = rows(dataSource, sql);
    return rows.isEmpty() || rows.get(0).equals("null") ? 0 : Long.parseLong(rows.get(0));
  }

  /** Each row's columns joined with '|', in the query's order. */
  public static List<String> rows(DataSource dataSource, String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void execute(DataSource dataSource, String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
