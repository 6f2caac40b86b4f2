package dev.flotilla.sync;

import dev.flotilla.common.InvalidInputException;
import dev.flotilla.settings.SecretRef;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CONNECT and EXTRACT. Extracted records land in {@code sync_raw_records} keyed on (job, place in
 * the source); each page commits, then its cursor is heartbeated, so a retried attempt resumes from
 * the last heartbeat and a page stored but not yet heartbeated is stored again as a no-op.
 */
public final class SyncSourceActivitiesImpl implements SyncSourceActivities {

  /** Records per page: one transaction and one heartbeat each. */
  public static final int PAGE_SIZE = 500;

  private static final Logger log = LoggerFactory.getLogger(SyncSourceActivitiesImpl.class);

  private final Function<String, SyncSource> sources;
  private final DataSource dataSource;
  private final SyncSinks sinks;

  /**
   * @param sources the source a request's {@code source} names
   * @param sinks the sink a request names
   */
  public SyncSourceActivitiesImpl(
      Function<String, SyncSource> sources, DataSource dataSource, SyncSinks sinks) {
    this.sources = sources;
    this.dataSource = dataSource;
    this.sinks = sinks;
  }

  /** Sinks in Flotilla's database, or in one named by a reference in the worker's environment. */
  public SyncSourceActivitiesImpl(Function<String, SyncSource> sources, DataSource dataSource) {
    this(sources, dataSource, new SyncSinks(dataSource, SecretRef.fromProcess()));
  }

  @Override
  public void connect(SyncJob job) {
    job.request().validate();
    sources.apply(job.request().source()).check();
    sinks.of(job.request()).check(job.request().sinkTable());
  }

  @Override
  public long extract(SyncJob job) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    SyncSource source = sources.apply(job.request().source());
    SyncSource.Cursor cursor =
        context.getHeartbeatDetails(SyncSource.Cursor.class).orElse(SyncSource.Cursor.START);
    if (!cursor.equals(SyncSource.Cursor.START)) {
      log.info("job {}: resuming extract at {}", job.jobId(), cursor);
    }
    while (cursor != null) {
      SyncSource.Page page = source.page(cursor, PAGE_SIZE);
      store(job.jobId(), page);
      cursor = page.next();
      if (cursor != null) {
        context.heartbeat(cursor);
      }
    }
    return SinkTables.count(dataSource, "sync_raw_records", job.jobId());
  }

  @Override
  public void discardExtracted(SyncJob job) {
    SinkTables.deleteJobRows(dataSource, "sync_raw_records", job.jobId());
  }

  private void store(String jobId, SyncSource.Page page) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO sync_raw_records (job_id, record_key, payload)"
                    + " VALUES (?, ?, ?::jsonb) ON CONFLICT (job_id, record_key) DO NOTHING")) {
      c.setAutoCommit(false);
      for (SyncSource.Record record : page.records()) {
        insert.setString(1, jobId);
        insert.setString(2, record.key());
        insert.setString(3, record.json());
        insert.addBatch();
      }
      insert.executeBatch();
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("storing extracted records of " + jobId + ": " + e, e);
    }
  }

  /** Sink-table checks and per-job row housekeeping shared by the sync activities. */
  static final class SinkTables {
    private SinkTables() {}

    /** A sink is any table with record_key and data (JSONB) columns. */
    static void check(Connection c, String table) throws SQLException {
      try (PreparedStatement columns =
          c.prepareStatement(
              "SELECT column_name, data_type FROM information_schema.columns"
                  + " WHERE table_schema = current_schema() AND table_name = ?")) {
        columns.setString(1, table);
        boolean key = false;
        boolean data = false;
        try (ResultSet rs = columns.executeQuery()) {
          while (rs.next()) {
            key |= rs.getString(1).equals("record_key");
            data |= rs.getString(1).equals("data") && rs.getString(2).equals("jsonb");
          }
        }
        if (!key || !data) {
          throw new InvalidInputException(
              "sink table "
                  + table
                  + " must exist with columns record_key (primary key) and data (jsonb)");
        }
      }
    }

    static long count(DataSource dataSource, String table, String jobId) {
      try (Connection c = dataSource.getConnection();
          PreparedStatement count =
              c.prepareStatement("SELECT count(*) FROM " + table + " WHERE job_id = ?")) {
        count.setString(1, jobId);
        try (ResultSet rs = count.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      } catch (SQLException e) {
        throw new IllegalStateException("counting " + table + " of " + jobId + ": " + e, e);
      }
    }

    static void deleteJobRows(DataSource dataSource, String table, String jobId) {
      try (Connection c = dataSource.getConnection();
          PreparedStatement delete =
              c.prepareStatement("DELETE FROM " + table + " WHERE job_id = ?")) {
        delete.setString(1, jobId);
        delete.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException("deleting " + table + " of " + jobId + ": " + e, e);
      }
    }
  }
}
