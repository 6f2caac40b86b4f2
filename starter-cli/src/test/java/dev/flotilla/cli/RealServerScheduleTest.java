package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Schedule API path, which the embedded server cannot run. Runs in the real-server lane ({@code
 * ./mvnw -P real-server verify} with TEMPORAL_ADDRESS pointing at a Temporal server with Flotilla's
 * search attributes registered); no worker is needed, nothing is triggered.
 */
@Tag("real-server")
class RealServerScheduleTest {

  @Test
  void givenARealServer_whenRetentionIsScheduled_itShouldBeDescribablePausableAndDeletable() {
    String address = System.getenv("TEMPORAL_ADDRESS");
    assumeTrue(address != null && !address.isBlank(), "TEMPORAL_ADDRESS is not set");
    String id = "retention/real-server-test-" + ProcessHandle.current().pid();

    CliRun created = CliRun.of("schedule", "create", "retention", "--every", "daily", "--id", id);
    try {
      assertThat(created.exitCode()).as(created.err()).isZero();
      assertThat(created.out())
          .startsWith("created schedule " + id + ": retention on cron \"0 0 * * *\", overlap SKIP");

      CliRun paused = CliRun.of("schedule", "pause", id, "--note", "real-server test");
      assertThat(paused.exitCode()).as(paused.err()).isZero();
      CliRun described = CliRun.of("schedule", "describe", id);
      assertThat(described.out())
          .contains("Cron       [0 0 * * *]")
          .contains("State      PAUSED (real-server test)")
          .contains("Overlap    SCHEDULE_OVERLAP_POLICY_SKIP")
          .contains("Starts     Retention as retention-<timestamp>");
      assertThat(CliRun.of("schedule", "unpause", id).exitCode()).isZero();
      assertThat(CliRun.of("schedule", "list").out()).contains(id);
    } finally {
      CliRun deleted = CliRun.of("schedule", "delete", id);
      assertThat(deleted.out()).isEqualToIgnoringNewLines("deleted schedule " + id);
    }
  }
}
