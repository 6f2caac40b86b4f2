package dev.flotilla.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.common.ActivityPresets;
import dev.flotilla.store.TestDatabases;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncActivitiesTest {
  private static final Map<String, String> MAPPING =
      Map.of("name", "title", "price", "price_usd:number");

  @TempDir Path directory;

  private DataSource dataSource;
  private TestActivityEnvironment env;
  private final SyncSinkActivitiesImpl sink;

  SyncActivitiesTest() {
    dataSource = TestDatabases.freshMigrated();
    sink = new SyncSinkActivitiesImpl(dataSource);
  }

  @BeforeEach
  void environment() {
    env = TestActivityEnvironment.newInstance();
  }

  @AfterEach
  void close() {
    env.close();
  }

  private static SyncJob job(String syncId, double maxErrorRate) {
    SyncRequest request =
        new SyncRequest(
            "alice",
            syncId,
            "ignored",
            "sync_records",
            "id",
            MAPPING,
            new SyncOptions(maxErrorRate, null, null, null));
    return SyncJob.of(request.workflowId(), "run-1", request);
  }

  /** {@code count} records, ids from {@code firstId}; every {@code badEvery}th has a bad price. */
  private void writeFile(String name, int firstId, int count, int badEvery) throws IOException {
    String records =
        IntStream.range(firstId, firstId + count)
            .mapToObj(
                id ->
                    String.format(
                        "{\"id\": \"r%d\", \"name\": \"item %d\", \"price\": %s}",
                        id, id, badEvery > 0 && id % badEvery == 0 ? "\"n/a\"" : id + ".5"))
            .collect(Collectors.joining(",\n", "[", "]"));
    Files.writeString(directory.resolve(name), records);
  }

  private SyncSourceActivities source(SyncSource source) {
    env.registerActivitiesImplementations(
        new SyncSourceActivitiesImpl(ignored -> source, dataSource));
    return env.newActivityStub(SyncSourceActivities.class);
  }

  @Test
  void anExtractResumedFromItsHeartbeatedCursorStoresEveryRecordOnce() throws IOException {
    writeFile("a.json", 0, 700, 0);
    writeFile("b.json", 700, 600, 0);
    DirectorySource files = new DirectorySource(directory);
    // The first attempt stores two pages, then its worker is lost on the third.
    List<SyncSource.Cursor> heartbeats = new ArrayList<>();
    env.setActivityHeartbeatListener(SyncSource.Cursor.class, heartbeats::add);
    SyncSource dying = new DyingSource(files, 2);
    SyncJob job = job("resume", 0.05);

    assertThatThrownBy(() -> source(dying).extract(job)).isInstanceOf(ActivityFailure.class);
    assertThat(heartbeats).first().isEqualTo(new SyncSource.Cursor(0, 500));
    assertThat(count("SELECT count(*) FROM sync_raw_records")).isEqualTo(1000);

    // The SDK throttles heartbeats, so the retry may start from the first page's cursor: the
    // second page comes again and must not be stored twice.
    env.close();
    env = TestActivityEnvironment.newInstance();
    env.setHeartbeatDetails(heartbeats.get(0));
    long extracted = source(files).extract(job);

    assertThat(extracted).isEqualTo(1300);
    assertThat(count("SELECT count(DISTINCT payload->>'id') FROM sync_raw_records"))
        .isEqualTo(1300);
  }

  @Test
  void quarantineBelowTheErrorRateLetsTheValidRecordsThrough() throws IOException {
    writeFile("a.json", 1, 100, 25); // ids 25, 50, 75, 100 have a bad price: 4%
    SyncJob job = extracted("below", 0.05);

    sink.transform(job);
    ValidationReport report = sink.validate(job);

    assertThat(report).isEqualTo(new ValidationReport(100, 4));
    assertThat(strings("SELECT array_to_string(reasons, ';') FROM sync_quarantine LIMIT 1"))
        .containsExactly("field 'price' is not a number: \"n/a\"");
    assertThat(sink.stage(job)).isEqualTo(96);
  }

  @Test
  void quarantineAboveTheErrorRateFailsForGoodAndKeepsTheReasons() throws IOException {
    writeFile("a.json", 1, 100, 10); // 10% bad
    SyncJob job = extracted("above", 0.05);
    sink.transform(job);

    assertThatThrownBy(() -> sink.validate(job))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ActivityPresets.SYNC_ERROR_RATE_EXCEEDED);
              assertThat(failure.isNonRetryable()).isTrue();
            });
    assertThat(count("SELECT count(*) FROM sync_quarantine")).isEqualTo(10);
  }

  @Test
  void aCommitThenItsRestoreLeavesTheSinkExactlyAsBefore() throws IOException, SQLException {
    execute(
        "INSERT INTO sync_records (record_key, data) VALUES"
            + " ('r1', '{\"title\": \"old one\"}'), ('r900', '{\"title\": \"untouched\"}')");
    List<String> before = sinkRows();
    writeFile("a.json", 1, 20, 0);
    SyncJob job = extracted("commit", 0.05);
    sink.transform(job);
    sink.validate(job);
    sink.stage(job);

    assertThat(sink.commit(job)).isEqualTo(20);
    assertThat(sink.commit(job)).as("a retried commit").isEqualTo(20);
    assertThat(count("SELECT count(*) FROM sync_records")).isEqualTo(21);
    assertThat(strings("SELECT data->>'title' FROM sync_records WHERE record_key = 'r1'"))
        .containsExactly("item 1");

    sink.restoreCommitted(job);
    sink.restoreCommitted(job);
    sink.dropStaged(job);

    assertThat(sinkRows()).isEqualTo(before);
    assertThat(count("SELECT count(*) FROM sync_staged_rows")).isZero();
    assertThat(count("SELECT count(*) FROM sync_commit_undo")).isZero();
  }

  @Test
  void theAnalyticsAndSlaViewsSummariseThePhaseLog() throws SQLException {
    PhaseLogActivitiesImpl log = new PhaseLogActivitiesImpl(dataSource);
    // Twenty runs of STAGE (SLA 10 s) taking 1..20 s, and one failed COMMIT within a 1 s override.
    for (int run = 1; run <= 20; run++) {
      log.record(entry("sync/a/" + run, SyncPhase.STAGE, PhaseStatus.STARTED, null, Map.of()));
      log.record(
          entry("sync/a/" + run, SyncPhase.STAGE, PhaseStatus.COMPLETED, run * 1000L, Map.of()));
    }
    PhaseLogEntry failed =
        entry("sync/a/1", SyncPhase.COMMIT, PhaseStatus.FAILED, 2000L, Map.of("sla_ms", "1000"));
    log.record(failed);
    log.record(failed); // an activity retry: no second row

    assertThat(
            strings(
                "SELECT concat_ws(' ', phase_name, total, completed, failed, avg_duration_ms,"
                    + " p95_duration_ms) FROM workflow_phase_analytics ORDER BY phase_number"))
        .containsExactly(
            "stage 20 20 0 10500 19050",
            "commit 0 0 1"); // concat_ws skips the null durations of a phase that never completed
    assertThat(
            strings(
                "SELECT concat_ws(' ', workflow_id, phase_name, status, over_by_ms)"
                    + " FROM workflow_phase_sla_violations ORDER BY phase_number, duration_ms"))
        .containsExactlyElementsOf(
            concat(
                IntStream.rangeClosed(11, 20)
                    .mapToObj(run -> "sync/a/" + run + " stage completed " + (run - 10) * 1000)
                    .toList(),
                List.of("sync/a/1 commit failed 1000")));
  }

  @Test
  void statsSinceATimeCountOnlyTheTransitionsFromThenOn() {
    PhaseLogActivitiesImpl log = new PhaseLogActivitiesImpl(dataSource);
    Instant old = Instant.parse("2026-10-01T00:00:00Z");
    Instant recent = Instant.parse("2026-11-26T12:00:00Z");
    for (Instant at : List.of(old, recent)) {
      String id = "sync/a/" + at.getEpochSecond();
      log.record(at(entry(id, SyncPhase.STAGE, PhaseStatus.STARTED, null, Map.of()), at));
      log.record(at(entry(id, SyncPhase.STAGE, PhaseStatus.COMPLETED, 12_000L, Map.of()), at));
    }
    SyncStatsActivitiesImpl stats = new SyncStatsActivitiesImpl(dataSource);

    SyncStats all = stats.read(new SyncStatsRequest("all", null, 1));
    SyncStats lately =
        stats.read(new SyncStatsRequest("lately", Instant.parse("2026-11-19T00:00:00Z"), 10));

    assertThat(all.phases())
        .containsExactly(new SyncStats.PhaseAnalytics(5, "stage", 2, 2, 0, 0, 12_000L, 12_000L));
    assertThat(all.violationCount()).isEqualTo(2);
    assertThat(all.violations())
        .hasSize(1)
        .first()
        .extracting(SyncStats.SlaViolation::at)
        .isEqualTo(recent);
    assertThat(lately.phases())
        .singleElement()
        .extracting(SyncStats.PhaseAnalytics::total)
        .isEqualTo(1L);
    assertThat(lately.violations())
        .singleElement()
        .isEqualTo(
            new SyncStats.SlaViolation(
                "sync/a/" + recent.getEpochSecond(),
                "alice",
                "stage",
                "completed",
                recent,
                12_000,
                10_000,
                2_000));
  }

  private static PhaseLogEntry at(PhaseLogEntry entry, Instant timestamp) {
    return new PhaseLogEntry(
        entry.workflowId(),
        entry.userId(),
        entry.phase(),
        entry.status(),
        timestamp,
        entry.durationMs(),
        entry.previousPhase(),
        entry.errorMessage(),
        entry.errorStack(),
        entry.metadata(),
        entry.rollbackTriggered(),
        entry.rollbackToPhase());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static PhaseLogEntry entry(
      String workflowId,
      SyncPhase phase,
      PhaseStatus status,
      Long durationMs,
      Map<String, String> metadata) {
    return new PhaseLogEntry(
        workflowId,
        "alice",
        phase,
        status,
        Instant.parse("2026-11-26T12:00:00Z"),
        durationMs,
        phase.previous(),
        status == PhaseStatus.FAILED ? "broke" : null,
        null,
        metadata,
        false,
        null);
  }

  /** A job whose records from the temp directory are extracted. */
  private SyncJob extracted(String syncId, double maxErrorRate) {
    SyncJob job = job(syncId, maxErrorRate);
    source(new DirectorySource(directory)).extract(job);
    return job;
  }

  private List<String> sinkRows() {
    return strings("SELECT record_key || '=' || data::text FROM sync_records ORDER BY record_key");
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
