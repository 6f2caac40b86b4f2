package dev.flotilla.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * A {@code record_key}/{@code data jsonb} table in a PostgreSQL database: Flotilla's own, or
 * another one. The job's staged rows are always in Flotilla's database; the undo rows are in the
 * sink's, in {@code sync_commit_undo}, so a commit and its undo information are one transaction
 * without a distributed commit. Another database gets that table created on first use.
 */
final class PostgresTableSink implements SyncSink {

  private static final String UNDO_TABLE =
      "CREATE TABLE IF NOT EXISTS sync_commit_undo (job_id TEXT NOT NULL, sink_table TEXT NOT NULL,"
          + " target_key TEXT NOT NULL, existed BOOLEAN NOT NULL, previous JSONB,"
          + " PRIMARY KEY (job_id, sink_table, target_key))";

  private final DataSource work;
  private final DataSource target;
  private final String name;

  /**
   * @param work Flotilla's database, with the staged rows
   * @param target the sink's database; the same object when the sink is in Flotilla's database
   * @param name how failures name the sink's database: never its URL
   */
  PostgresTableSink(DataSource work, DataSource target, String name) {
    this.work = work;
    this.target = target;
    this.name = name;
  }

  private boolean external() {
    return work != target;
  }

  @Override
  public void check(String table) {
    try (Connection c = target.getConnection()) {
      SyncSourceActivitiesImpl.SinkTables.check(c, table);
      if (external()) {
        ensureUndoTable(c);
      }
    } catch (SQLException e) {
      throw failure("checking sink table " + table, e);
    }
  }

  /** Flotilla's own database keeps the driver's whole story; another's is told without its URL. */
  private RuntimeException failure(String doing, SQLException e) {
    return external()
        ? SyncSinks.failure(name, doing, e)
        : new IllegalStateException(doing + ": " + e, e);
  }

  @Override
  public long commit(SyncJob job, String table) {
    try (Connection c = target.getConnection()) {
      if (external()) {
        ensureUndoTable(c);
      }
      c.setAutoCommit(false);
      try {
        String staged =
            external()
                ? copyStaged(job, c)
                : "(SELECT target_key, payload FROM sync_staged_rows WHERE job_id = ?)";
        int jobParameters = external() ? 0 : 1;
        try (PreparedStatement save =
                c.prepareStatement(
                    "INSERT INTO sync_commit_undo (job_id, sink_table, target_key, existed,"
                        + " previous) SELECT ?, ?, s.target_key, t.record_key IS NOT NULL, t.data"
                        + " FROM "
                        + staged
                        + " s LEFT JOIN "
                        + table
                        + " t ON t.record_key = s.target_key"
                        + " ON CONFLICT (job_id, sink_table, target_key) DO NOTHING");
            PreparedStatement merge =
                c.prepareStatement(
                    "INSERT INTO "
                        + table
                        + " (record_key, data) SELECT s.target_key, s.payload FROM "
                        + staged
                        + " s ON CONFLICT (record_key) DO UPDATE SET data = excluded.data")) {
          save.setString(1, job.jobId());
          save.setString(2, table);
          if (jobParameters == 1) {
            save.setString(3, job.jobId());
            merge.setString(1, job.jobId());
          }
          save.executeUpdate();
          int written = merge.executeUpdate();
          c.commit();
          return written;
        }
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure("committing " + job.jobId() + " into " + table, e);
    }
  }

  /**
   * Streams the job's staged rows from Flotilla's database into a temporary table of the sink's
   * transaction, so the merge there is set-based as in one database. Returns the table's name.
   */
  private String copyStaged(SyncJob job, Connection sink) throws SQLException {
    try (Statement create = sink.createStatement()) {
      create.execute(
          "CREATE TEMPORARY TABLE sync_incoming (target_key TEXT PRIMARY KEY, payload JSONB)"
              + " ON COMMIT DROP");
    }
    try (Connection c = work.getConnection();
        PreparedStatement read =
            c.prepareStatement(
                "SELECT target_key, payload::text FROM sync_staged_rows WHERE job_id = ?");
        PreparedStatement write =
            sink.prepareStatement(
                "INSERT INTO sync_incoming (target_key, payload) VALUES (?, ?::jsonb)")) {
      // Autocommit off lets the driver stream the staged rows instead of loading them all.
      c.setAutoCommit(false);
      read.setFetchSize(SyncSinkActivitiesImpl.BATCH);
      read.setString(1, job.jobId());
      long rows = 0;
      try (ResultSet staged = read.executeQuery()) {
        while (staged.next()) {
          write.setString(1, staged.getString(1));
          write.setString(2, staged.getString(2));
          write.addBatch();
          if (++rows % SyncSinkActivitiesImpl.BATCH == 0) {
            write.executeBatch();
          }
        }
      }
      write.executeBatch();
      c.commit();
    }
    return "sync_incoming";
  }

  @Override
  public void restore(SyncJob job, String table) {
    try (Connection c = target.getConnection()) {
      if (external()) {
        ensureUndoTable(c);
      }
      c.setAutoCommit(false);
      try (PreparedStatement restore =
              c.prepareStatement(
                  "UPDATE "
                      + table
                      + " t SET data = u.previous FROM sync_commit_undo u WHERE u.job_id = ?"
                      + " AND u.sink_table = ? AND u.existed AND t.record_key = u.target_key");
          PreparedStatement removeNew =
              c.prepareStatement(
                  "DELETE FROM "
                      + table
                      + " t USING sync_commit_undo u WHERE u.job_id = ? AND u.sink_table = ?"
                      + " AND NOT u.existed AND t.record_key = u.target_key");
          PreparedStatement forget =
              c.prepareStatement(
                  "DELETE FROM sync_commit_undo WHERE job_id = ? AND sink_table = ?")) {
        for (PreparedStatement statement : List.of(restore, removeNew, forget)) {
          statement.setString(1, job.jobId());
          statement.setString(2, table);
          statement.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure("restoring " + table + " after " + job.jobId(), e);
    }
  }

  @Override
  public void forget(SyncJob job) {
    if (!external()) {
      return; // Flotilla's own undo rows go with the job's other work rows, in one transaction.
    }
    try (Connection c = target.getConnection()) {
      ensureUndoTable(c);
      try (PreparedStatement delete =
          c.prepareStatement("DELETE FROM sync_commit_undo WHERE job_id = ?")) {
        delete.setString(1, job.jobId());
        delete.executeUpdate();
      }
    } catch (SQLException e) {
      throw failure("cleaning up the undo rows of " + job.jobId(), e);
    }
  }

  private static void ensureUndoTable(Connection c) throws SQLException {
    try (Statement create = c.createStatement()) {
      create.execute(UNDO_TABLE);
    }
  }
}
