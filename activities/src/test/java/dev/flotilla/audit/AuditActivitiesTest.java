package dev.flotilla.audit;

import static dev.flotilla.optimization.CycleTestSupport.ONE_ATTEMPT;
import static dev.flotilla.optimization.CycleTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.store.TestDatabases;
import io.temporal.testing.TestActivityEnvironment;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class AuditActivitiesTest {

  @Test
  void recordingTheSameEventTwiceLeavesOneRowWithItsRunAndDetails() {
    DataSource dataSource = TestDatabases.freshMigrated();
    AuditEvent event =
        new AuditEvent(
            "optimization-cycle/aws:123456789012/us-east-1/all",
            "optimization",
            "Analysis",
            "",
            "completed",
            "schedule",
            Map.of("resources", "2000", "failed", "0"));
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(new AuditActivitiesImpl(dataSource));
      AuditActivities audit = env.newActivityStub(AuditActivities.class, ONE_ATTEMPT);

      audit.record(event);
      audit.record(event);
    } finally {
      env.close();
    }

    assertThat(
            rows(
                dataSource,
                "SELECT workflow_id, kind, stage, item, event_type, actor, details::text,"
                    + " run_id IS NOT NULL FROM audit_events"))
        .containsExactly(
            "optimization-cycle/aws:123456789012/us-east-1/all|optimization|Analysis||completed"
                + "|schedule|{\"failed\": \"0\", \"resources\": \"2000\"}|t");
  }
}
