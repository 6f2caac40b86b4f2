package dev.flotilla.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import dev.flotilla.common.FlotillaSearchAttributes;
import dev.flotilla.store.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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
    metricsScope.close();
  }

  /** The phase the sink fails at for good; null for none. */
  private volatile SyncPhase fault;

  private SyncOutcome run(SyncPhase failing) {
    fault = failing;
    if (!env.isStarted()) {
      worker.registerActivitiesImplementations(
          new SyncSourceActivitiesImpl(source -> new DirectorySource(Path.of(source)), dataSource),
          new FaultySink(new SyncSinkActivitiesImpl(dataSource), () -> fault),
          new PhaseLogActivitiesImpl(dataSource),
          new SyncNotifyActivitiesImpl());
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
            null);
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
        .first()
        .isEqualTo(failing.number() + " failed");
    assertThat(
            count(
                "SELECT count(*) FROM workflow_phase_logs WHERE status = 'rolled_back'"
                    + " AND phase_number = 2 AND rollback_to_phase = 1"))
        .isEqualTo(1);
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

  /**
   * The real sink with one phase failing for good. At COMMIT the commit lands first, as when its
   * answer is lost, so the rollback has real rows to restore.
   */
  private record FaultySink(SyncSinkActivities real, Supplier<SyncPhase> failing)
      implements SyncSinkActivities {

    private void faultAt(SyncPhase phase) {
      if (phase == failing.get()) {
        throw ApplicationFailure.newNonRetryableFailure(phase + " fault", "InjectedFault");
      }
    }

    @Override
    public long transform(SyncJob job) {
      faultAt(SyncPhase.TRANSFORM);
      return real.transform(job);
    }

    @Override
    public void discardTransformed(SyncJob job) {
      real.discardTransformed(job);
    }

    @Override
    public ValidationReport validate(SyncJob job) {
      faultAt(SyncPhase.VALIDATE);
      return real.validate(job);
    }

    @Override
    public long stage(SyncJob job) {
      faultAt(SyncPhase.STAGE);
      return real.stage(job);
    }

    @Override
    public void dropStaged(SyncJob job) {
      real.dropStaged(job);
    }

    @Override
    public long commit(SyncJob job) {
      long written = real.commit(job);
      faultAt(SyncPhase.COMMIT);
      return written;
    }

    @Override
    public void restoreCommitted(SyncJob job) {
      real.restoreCommitted(job);
    }
  }
}
