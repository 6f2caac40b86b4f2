package dev.flotilla.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import javax.sql.DataSource;

/** Writes {@code workflow_phase_logs}; a transition already recorded is left as it is. */
public final class PhaseLogActivitiesImpl implements PhaseLogActivities {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DataSource dataSource;

  public PhaseLogActivitiesImpl(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void record(PhaseLogEntry entry) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO workflow_phase_logs (workflow_id, user_id, phase_number, status,"
                    + " \"timestamp\", duration_ms, previous_phase, error_message, error_stack,"
                    + " metadata, rollback_triggered, rollback_to_phase)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)"
                    + " ON CONFLICT ON CONSTRAINT workflow_phase_logs_transition DO NOTHING")) {
      insert.setString(1, entry.workflowId());
      insert.setString(2, entry.userId());
      insert.setInt(3, entry.phase().number());
      insert.setString(4, entry.status().column());
      insert.setTimestamp(5, Timestamp.from(entry.timestamp()));
      insert.setObject(6, entry.durationMs(), Types.BIGINT);
      insert.setObject(
          7, entry.previousPhase() == null ? null : entry.previousPhase().number(), Types.SMALLINT);
      insert.setString(8, entry.errorMessage());
      insert.setString(9, entry.errorStack());
      insert.setString(10, JSON.writeValueAsString(entry.metadata()));
      insert.setBoolean(11, entry.rollbackTriggered());
      insert.setObject(
          12,
          entry.rollbackToPhase() == null ? null : entry.rollbackToPhase().number(),
          Types.SMALLINT);
      insert.executeUpdate();
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("recording phase log of " + entry.workflowId() + ": " + e, e);
    }
  }
}
