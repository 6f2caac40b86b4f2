package dev.flotilla.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import dev.flotilla.alerting.AlertActivitiesImpl;
import dev.flotilla.alerting.Notice;
import dev.flotilla.common.FlotillaSearchAttributes;
import dev.flotilla.settings.FlotillaSettings;
import dev.flotilla.settings.SecretRef;
import dev.flotilla.store.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The sync workflow over the real activities and embedded PostgreSQL, with faults injected. */
class SyncJobDatabaseTest {
  private static final String QUEUE = "sync-db-test";

  @TempDir Path directory;

  private DataSource dataSource;
  private TestWorkflowEnvironment env;
  private Worker worker;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Scope metricsScope =
      new RootScopeBuilder()
          .reporter(new MicrometerClientStatsReporter(meters))
          .reportEvery(com.uber.m3.util.Duration.ofMillis(10));

  @BeforeEach
  void start() throws IOException, SQLException {
    dataSource = TestDatabases.freshMigrated();
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setMetricsScope(metricsScope).build());
    FlotillaSearchAttributes.all()
        .forEach(
            key ->
                env.registerSearchAttribute(
                    key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(SyncJobWorkflowImpl.class);
    String records =
        IntStream.rangeClosed(1, 30)
            .mapToObj(id -> String.format("{\"id\": \"r%d\", \"name\": \"item %d\"}", id, id))
            .collect(Collectors.joining(",", "[", "]"));
    Files.writeString(directory.resolve("records.json"), records);
    execute(
        "INSERT INTO sync_records (record_key, data) VALUES"
            + " ('r1', '{\"title\": \"kept\"}'), ('r99', '{\"title\": \"other\"}')");
  }

  @AfterEach
  void stop() throws ScopeCloseException {
    env.close();
    if (receiver != null) {
      receiver.close();
    }
    metricsScope.close();
  }

  /** The webhook receiving the user's notices; null until a test sets it up. */
  private DeliveryReceiver receiver;

  /** Runs the sync, failing for good at {@code failing} (the request's test-and-demo fault). */
  private SyncOutcome run(SyncPhase failing) {
    if (!env.isStarted()) {
      Consumer<Notice> channels = notice -> {};
      if (receiver != null) {
        channels =
            AlertActivitiesImpl.fromSettings(
                    new FlotillaSettings.Alerts(
                        3,
                        null,
                        null,
                        List.of(new FlotillaSettings.Webhook("users", receiver.url(), null))),
                    new SecretRef(Map.of()),
                    dataSource)
                ::send;
      }
      worker.registerActivitiesImplementations(
          new SyncSourceActivitiesImpl(source -> new DirectorySource(Path.of(source)), dataSource),
          new SyncSinkActivitiesImpl(dataSource),
          new PhaseLogActivitiesImpl(dataSource),
          new SyncNotifyActivitiesImpl(channels));
      env.start();
    }
    SyncRequest request =
        new SyncRequest(
            "alice",
            "items",
            directory.toString(),
            "sync_records",
            "id",
            Map.of("name", "title"),
            new SyncOptions(null, null, null, null, failing));
    return env.getWorkflowClient()
        .newWorkflowStub(
            SyncJobWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(request.workflowId())
                .setTaskQueue(QUEUE)
                .build())
        .run(request);
  }

  @Test
  void aJobMergesTheSourceIntoTheSinkAndLogsEveryPhase() {
    SyncOutcome outcome = run(null);

    assertThat(outcome.committed()).isEqualTo(30);
    assertThat(strings("SELECT data->>'title' FROM sync_records WHERE record_key = 'r1'"))
        .containsExactly("item 1");
    assertThat(count("SELECT count(*) FROM sync_records")).isEqualTo(31);
    assertThat(
            strings(
                "SELECT phase_number || ' ' || status FROM workflow_phase_logs"
                    + " WHERE status = 'completed' ORDER BY id"))
        .containsExactly(
            "1 completed",
            "2 completed",
            "3 completed",
            "4 completed",
            "5 completed",
            "6 completed",
            "7 completed");
  }

  @Test
  void aCommittedJobLeavesNoWorkRowsBehindButKeepsItsQuarantine() throws IOException {
    // One record in 31 has no name: quarantined, under the 5% the job allows.
    Files.writeString(directory.resolve("zz.json"), "[{\"id\": \"r50\"}]");

    SyncOutcome outcome = run(null);

    assertThat(outcome.committed()).isEqualTo(30);
    for (String table :
        List.of(
            "sync_raw_records",
            "sync_transformed_records",
            "sync_staged_rows",
            "sync_commit_undo")) {
      assertThat(count("SELECT count(*) FROM " + table)).as(table).isZero();
    }
    assertThat(strings("SELECT record_key FROM sync_quarantine")).containsExactly("zz.json#0");
  }

  @Test
  void theUserIsToldOnceOnTheAlertChannelsWithTheCounts() throws IOException {
    receiver = new DeliveryReceiver();

    run(null);
    assertThatThrownBy(() -> run(SyncPhase.COMMIT)).isInstanceOf(WorkflowFailedException.class);

    List<DeliveryReceiver.Delivery> deliveries = receiver.deliveries();
    assertThat(deliveries).hasSize(2);
    assertThat(deliveries.get(0).idempotencyKey())
        .startsWith("sync:sync/alice/items@")
        .endsWith(":completed:webhook:users");
    assertThat(deliveries.get(0).body())
        .contains("\"kind\":\"sync-completed\"", "\"userId\":\"alice\"", "\"committed\":30");
    assertThat(deliveries.get(1).idempotencyKey()).endsWith(":failed:webhook:users");
    assertThat(deliveries.get(1).body())
        .contains("\"failedPhase\":\"commit\"", "\"rolledBack\":[\"commit\",\"stage\"");
    assertThat(count("SELECT count(*) FROM alert_deliveries WHERE status = 'DELIVERED'"))
        .isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(
      value = SyncPhase.class,
      names = {"TRANSFORM", "VALIDATE", "STAGE", "COMMIT"})
  void aPhaseFailingLeavesNothingHalfCommittedAndNoWorkRowsBehind(SyncPhase failing) {
    List<String> before = strings("SELECT record_key || data::text FROM sync_records ORDER BY 1");

    assertThatThrownBy(() -> run(failing)).isInstanceOf(WorkflowFailedException.class);

    assertThat(strings("SELECT record_key || data::text FROM sync_records ORDER BY 1"))
        .isEqualTo(before);
    for (String table :
        List.of(
            "sync_raw_records",
            "sync_transformed_records",
            "sync_staged_rows",
            "sync_commit_undo")) {
      assertThat(count("SELECT count(*) FROM " + table)).as(table).isZero();
    }
    assertThat(
            strings(
                "SELECT phase_number || ' ' || status FROM workflow_phase_logs"
                    + " WHERE status IN ('failed', 'rolled_back') ORDER BY id"))
        .containsExactlyElementsOf(failedThenUndoneNewestFirst(failing));
    assertThat(
            count(
                "SELECT count(*) FROM workflow_phase_logs WHERE status = 'rolled_back'"
                    + " AND phase_number = 2 AND rollback_to_phase = 1"))
        .isEqualTo(1);
  }

  /** The failed row, then a rolled_back row per phase with an undo, newest phase first. */
  private static List<String> failedThenUndoneNewestFirst(SyncPhase failing) {
    List<String> rows = new java.util.ArrayList<>(List.of(failing.number() + " failed"));
    for (SyncPhase undone :
        List.of(SyncPhase.COMMIT, SyncPhase.STAGE, SyncPhase.TRANSFORM, SyncPhase.EXTRACT)) {
      if (undone.compareTo(failing) <= 0) {
        rows.add(undone.number() + " rolled_back");
      }
    }
    return rows;
  }

  @Test
  void aRolledBackRerunOfTheSameSyncRestoresTheFirstRunsResultNotOlderRows() throws IOException {
    run(null);
    List<String> afterFirst =
        strings("SELECT record_key || data::text FROM sync_records ORDER BY 1");
    Files.writeString(
        directory.resolve("records.json"), "[{\"id\": \"r1\", \"name\": \"renamed\"}]");

    // Same workflow ID, new run: its work rows and undo rows are its own.
    assertThatThrownBy(() -> run(SyncPhase.COMMIT)).isInstanceOf(WorkflowFailedException.class);

    assertThat(strings("SELECT record_key || data::text FROM sync_records ORDER BY 1"))
        .isEqualTo(afterFirst);
  }

  @Test
  void phaseMetricsAreLabelledByPhaseAndJobTypeOnly() throws ScopeCloseException {
    assertThatThrownBy(() -> run(SyncPhase.COMMIT)).isInstanceOf(WorkflowFailedException.class);
    metricsScope.close(); // flushes what the reporter has not reported yet

    assertThat(meters.find("workflow_phase_started").tag("phase", "commit").counter().count())
        .isEqualTo(1);
    assertThat(meters.find("workflow_phase_completed").tag("phase", "stage").timer().count())
        .isEqualTo(1);
    assertThat(meters.find("workflow_phase_failed").tag("phase", "commit").timer().count())
        .isEqualTo(1);
    assertThat(
            meters
                .find("workflow_phase_rolled_back")
                .tags("phase", "extract", "job_type", "sync")
                .counter()
                .count())
        .isEqualTo(1);
    List<String> phaseMeterTags =
        meters.getMeters().stream()
            .filter(m -> m.getId().getName().startsWith("workflow_phase"))
            .flatMap(m -> m.getId().getTags().stream())
            .map(t -> t.getKey() + "=" + t.getValue())
            .toList();
    assertThat(phaseMeterTags).noneMatch(tag -> tag.contains("alice") || tag.contains("sync/"));
  }

  private long count(String sql) {
    return TestDatabases.count(dataSource, sql);
  }

  private List<String> strings(String sql) {
    return TestDatabases.strings(dataSource, sql);
  }

  private void execute(String sql) throws SQLException {
    TestDatabases.execute(dataSource, sql);
  }
}
