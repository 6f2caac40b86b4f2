package dev.flotilla.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flotilla.common.ActivityPresets;
import dev.flotilla.settings.SecretRef;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * TRANSFORM, VALIDATE, STAGE and COMMIT over a job's rows, and their undos. Every step reads the
 * previous step's table and writes its own keyed on the job, so each is safe to repeat.
 */
public final class SyncSinkActivitiesImpl implements SyncSinkActivities {

  /** Rows per insert batch in TRANSFORM and VALIDATE. */
  static final int BATCH = 500;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DataSource dataSource;
  private final SyncSinks sinks;

  /**
   * @param dataSource Flotilla's database, with the job's work rows
   * @param sinks the sink a request names, where COMMIT lands
   */
  public SyncSinkActivitiesImpl(DataSource dataSource, SyncSinks sinks) {
    this.dataSource = dataSource;
    this.sinks = sinks;
  }

  /** Sinks in Flotilla's database, or in one named by a reference in the worker's environment. */
  public SyncSinkActivitiesImpl(DataSource dataSource) {
    this(dataSource, new SyncSinks(dataSource, SecretRef.fromProcess()));
  }

  @Override
  public long transform(SyncJob job) {
    injectedFault(job, SyncPhase.TRANSFORM);
    Map<String, String> mapping = job.request().fieldMapping();
    String keyField = job.request().keyField();
    try (Connection c = dataSource.getConnection();
        PreparedStatement read =
            c.prepareStatement(
                "SELECT record_key, payload::text FROM sync_raw_records WHERE job_id = ?");
        PreparedStatement write =
            c.prepareStatement(
                "INSERT INTO sync_transformed_records (job_id, record_key, target_key, payload)"
                    + " VALUES (?, ?, ?, ?::jsonb) ON CONFLICT (job_id, record_key)"
                    + " DO UPDATE SET target_key = excluded.target_key, payload = excluded.payload")) {
      // One transaction: a crash leaves either none or all of the job's transformed rows, and
      // autocommit off lets the driver stream the raw rows instead of loading them all.
      c.setAutoCommit(false);
      read.setFetchSize(BATCH);
      read.setString(1, job.jobId());
      long rows = 0;
      try (ResultSet raw = read.executeQuery()) {
        while (raw.next()) {
          JsonNode source = JSON.readTree(raw.getString(2));
          ObjectNode target = JSON.createObjectNode();
          mapping.forEach(
              (from, to) ->
                  target.set(
                      FieldType.field(to),
                      source.hasNonNull(from) ? source.get(from) : NullNode.getInstance()));
          JsonNode key = source.get(keyField);
          write.setString(1, job.jobId());
          write.setString(2, raw.getString(1));
          write.setString(3, key == null || key.isNull() ? null : key.asText());
          write.setString(4, target.toString());
          write.addBatch();
          if (++rows % BATCH == 0) {
            write.executeBatch();
          }
        }
      }
      write.executeBatch();
      c.commit();
      return rows;
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("transforming records of " + job.jobId() + ": " + e, e);
    }
  }

  @Override
  public void discardTransformed(SyncJob job) {
    SyncSourceActivitiesImpl.SinkTables.deleteJobRows(
        dataSource, "sync_transformed_records", job.jobId());
  }

  @Override
  public ValidationReport validate(SyncJob job) {
    injectedFault(job, SyncPhase.VALIDATE);
    long checked = 0;
    long quarantined = 0;
    try (Connection c = dataSource.getConnection();
        PreparedStatement read =
            c.prepareStatement(
                "SELECT record_key, target_key, payload::text FROM sync_transformed_records"
                    + " WHERE job_id = ?");
        PreparedStatement quarantine =
            c.prepareStatement(
                "INSERT INTO sync_quarantine (job_id, record_key, reasons, payload)"
                    + " VALUES (?, ?, ?, ?::jsonb) ON CONFLICT (job_id, record_key)"
                    + " DO UPDATE SET reasons = excluded.reasons, payload = excluded.payload")) {
      c.setAutoCommit(false);
      read.setFetchSize(BATCH);
      read.setString(1, job.jobId());
      try (ResultSet rows = read.executeQuery()) {
        while (rows.next()) {
          checked++;
          List<String> reasons = reasons(job.request(), rows.getString(2), rows.getString(3));
          if (!reasons.isEmpty()) {
            quarantined++;
            quarantine.setString(1, job.jobId());
            quarantine.setString(2, rows.getString(1));
            quarantine.setArray(3, c.createArrayOf("text", reasons.toArray()));
            quarantine.setString(4, rows.getString(3));
            quarantine.addBatch();
            if (quarantined % BATCH == 0) {
              quarantine.executeBatch();
            }
          }
        }
      }
      quarantine.executeBatch();
      // Committed before the verdict: a job that fails on its error rate keeps the reasons why.
      c.commit();
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("validating records of " + job.jobId() + ": " + e, e);
    }
    double maxErrorRate = job.request().options().maxErrorRate();
    if (checked > 0 && (double) quarantined / checked > maxErrorRate) {
      throw ApplicationFailure.newNonRetryableFailure(
          String.format(
              "%d of %d records quarantined (%.1f%%), over the job's maximum error rate of %.1f%%;"
                  + " see sync_quarantine for the reasons",
              quarantined, checked, 100.0 * quarantined / checked, 100.0 * maxErrorRate),
          ActivityPresets.SYNC_ERROR_RATE_EXCEEDED);
    }
    return new ValidationReport(checked, quarantined);
  }

  /** Why a transformed record may not go into the sink; empty when it may. */
  static List<String> reasons(SyncRequest request, String targetKey, String payload)
      throws JsonProcessingException {
    List<String> reasons = new ArrayList<>();
    if (targetKey == null || targetKey.isBlank()) {
      reasons.add("key field '" + request.keyField() + "' is missing");
    }
    JsonNode record = JSON.readTree(payload);
    for (Map.Entry<String, String> mapping : request.fieldMapping().entrySet()) {
      String field = FieldType.field(mapping.getValue());
      JsonNode value = record.get(field);
      if (value == null || value.isNull()) {
        reasons.add("required field '" + mapping.getKey() + "' is missing");
      } else if (!parses(FieldType.of(mapping.getValue()), value)) {
        reasons.add(
            "field '"
                + mapping.getKey()
                + "' is not a "
                + FieldType.of(mapping.getValue()).name().toLowerCase()
                + ": "
                + value);
      }
    }
    return reasons;
  }

  private static boolean parses(FieldType type, JsonNode value) {
    String text = value.asText();
    try {
      switch (type) {
        case STRING -> {
          return value.isValueNode();
        }
        case NUMBER -> new BigDecimal(text);
        case INTEGER -> new BigDecimal(text).toBigIntegerExact();
        case BOOLEAN -> {
          return value.isBoolean() || text.equals("true") || text.equals("false");
        }
        case TIMESTAMP -> OffsetDateTime.parse(text);
      }
      return true;
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      return false;
    }
  }

  @Override
  public long stage(SyncJob job) {
    injectedFault(job, SyncPhase.STAGE);
    // DISTINCT ON: two source records with the same key would make one upsert touch a row twice;
    // the later one in source order wins, as it would in a row-by-row load.
    return update(
        job,
        "INSERT INTO sync_staged_rows (job_id, target_key, payload)"
            + " SELECT DISTINCT ON (t.target_key) t.job_id, t.target_key, t.payload"
            + " FROM sync_transformed_records t"
            + " WHERE t.job_id = ? AND t.target_key IS NOT NULL AND NOT EXISTS"
            + " (SELECT 1 FROM sync_quarantine q WHERE q.job_id = t.job_id"
            + " AND q.record_key = t.record_key)"
            + " ORDER BY t.target_key, t.record_key DESC"
            + " ON CONFLICT (job_id, target_key) DO UPDATE SET payload = excluded.payload",
        1);
  }

  @Override
  public void dropStaged(SyncJob job) {
    SyncSourceActivitiesImpl.SinkTables.deleteJobRows(dataSource, "sync_staged_rows", job.jobId());
  }

  @Override
  public long commit(SyncJob job) {
    long written = sinks.of(job.request()).commit(job, sinkTable(job));
    injectedFault(job, SyncPhase.COMMIT);
    return written;
  }

  @Override
  public void restoreCommitted(SyncJob job) {
    sinks.of(job.request()).restore(job, sinkTable(job));
  }

  @Override
  public void cleanUp(SyncJob job) {
    // The sink's undo rows first: were they left behind, nothing would point at them any more.
    sinks.of(job.request()).forget(job);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      for (String table :
          List.of(
              "sync_raw_records",
              "sync_transformed_records",
              "sync_staged_rows",
              "sync_commit_undo")) {
        try (PreparedStatement delete =
            c.prepareStatement("DELETE FROM " + table + " WHERE job_id = ?")) {
          delete.setString(1, job.jobId());
          delete.executeUpdate();
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cleaning up the work rows of " + job.jobId() + ": " + e, e);
    }
  }

  /**
   * The request's test-and-demo-only fault: fails the phase for good so its rollback can be seen. A
   * COMMIT fault is raised after the merge committed, as when the commit's answer is lost.
   */
  private static void injectedFault(SyncJob job, SyncPhase phase) {
    if (job.request().options().faultAt() == phase) {
      throw ApplicationFailure.newNonRetryableFailure(
          phase + " fault injected by the request's options.faultAt (tests and demos only)",
          SyncOptions.INJECTED_FAULT);
    }
  }

  /** The sink's name goes into SQL: only a name the request's own rules accept. */
  private static String sinkTable(SyncJob job) {
    job.request().validate();
    return job.request().sinkTable();
  }

  private long update(SyncJob job, String sql, int jobParameter) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(jobParameter, job.jobId());
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(job.jobId() + ": " + e, e);
    }
  }
}
