package dev.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flotilla sync start|describe|stats} against the embedded stack as {@code flotilla dev}
 * runs it, and the phase meters on the worker's {@code /metrics}.
 */
class SyncCliEndToEndTest {
  private static TestStack stack;
  private static WorkerProcess worker;

  @TempDir static Path source;

  @BeforeAll
  static void startStack() throws Exception {
    stack = TestStack.embedded(true);
    worker = stack.startWorker(TestSettings.withHttpPort(0), "sync-it-worker");
    Files.writeString(
        source.resolve("a.json"),
        "[{\"id\": \"o1\", \"customer\": \"acme\", \"amount\": 12.5},"
            + " {\"id\": \"o2\", \"customer\": \"globex\", \"amount\": 7}]");
    Files.writeString(source.resolve("b.csv"), "id,customer,amount\no3,initech,99.90\n");
  }

  @AfterAll
  static void stopStack() {
    worker.close();
    stack.close();
  }

  private static CliRun flotilla(String... args) {
    return stack.cli(args);
  }

  private static CliRun start(String syncId, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "sync",
                "start",
                "--user",
                "alice",
                "--sync-id",
                syncId,
                "--source",
                source.toString(),
                "--mapping",
                "{\"customer\": \"customer\", \"amount\": \"amount_usd:number\"}",
                "--wait"));
    args.addAll(List.of(extra));
    return flotilla(args.toArray(String[]::new));
  }

  @Test
  void aSyncStartedFromFlagsCommitsAndDescribesItsPhases() {
    CliRun started = start("orders-ok");

    assertThat(started.exitCode()).as(started.err()).isZero();
    assertThat(started.out())
        .contains("completed sync sync/alice/orders-ok")
        .contains("3 extracted, 3 transformed, 0 quarantined, 3 staged, 3 committed");

    CliRun described = flotilla("sync", "describe", "alice/orders-ok");
    assertThat(described.exitCode()).isZero();
    assertThat(described.out())
        .contains("Status     Completed")
        .containsPattern("connect +completed")
        .containsPattern("notify +completed")
        .contains("every phase within its SLA");
  }

  @Test
  void aFaultAtCommitIsRolledBackAndShowsInDescribeAndStats() {
    CliRun failed = start("orders-fault", "--fault-at", "commit");

    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.err()).contains("sync sync/alice/orders-fault failed: COMMIT fault injected");

    CliRun described = flotilla("sync", "describe", "sync/alice/orders-fault");
    assertThat(described.exitCode()).isEqualTo(1);
    assertThat(described.out())
        .containsPattern("commit +failed")
        .containsPattern("commit +rolled_back")
        .containsPattern("extract +rolled_back")
        .contains("Failed at  commit")
        .contains("Rollback   commit, stage, transform, extract undone, in that order");

    CliRun stats = flotilla("sync", "stats", "--since", "7d");
    assertThat(stats.exitCode()).as(stats.err()).isZero();
    assertThat(stats.out())
        .contains("Phase analytics since")
        .containsPattern("commit +\\d+ +\\d+ +[1-9]\\d* +[1-9]\\d* ");
  }

  @Test
  void aSinkDatabaseNamedByAFileReferenceGetsTheRecords() throws Exception {
    try (EmbeddedPostgres orders = EmbeddedPostgres.builder().start()) {
      DataSource ordersDb = orders.getPostgresDatabase();
      try (Connection c = ordersDb.getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE orders (record_key TEXT PRIMARY KEY, data JSONB NOT NULL)");
      }
      // No .json or .csv: the source directory's reader passes it by.
      Path secret = source.resolve("orders-db-url");
      Files.writeString(secret, orders.getJdbcUrl("postgres", "postgres"));

      CliRun started =
          start("orders-external", "--sink-table", "orders", "--sink-database", "file:" + secret);
      CliRun missing =
          start("orders-missing", "--sink-database", "env:FLOTILLA_TEST_NO_SUCH_DB_URL");
      CliRun pasted =
          start("orders-pasted", "--sink-database", "jdbc:postgresql://db/x?password=hunter2");

      assertThat(started.exitCode()).as(started.err()).isZero();
      assertThat(started.out()).contains("3 committed");
      try (Connection c = ordersDb.getConnection();
          Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT count(*) FROM orders")) {
        rows.next();
        assertThat(rows.getLong(1)).isEqualTo(3);
      }
      assertThat(missing.exitCode()).isEqualTo(1);
      assertThat(missing.err())
          .contains("sink database env:FLOTILLA_TEST_NO_SUCH_DB_URL cannot be resolved");
      assertThat(pasted.exitCode()).isEqualTo(2);
      assertThat(pasted.err())
          .contains("sinkDatabase must be a secret reference")
          .doesNotContain("hunter2");
    }
  }

  @Test
  void badFlagsAreOneLineUsageErrorsAndStartNothing() {
    CliRun badMapping =
        flotilla(
            "sync",
            "start",
            "--user",
            "alice",
            "--sync-id",
            "x",
            "--source",
            "/tmp",
            "--mapping",
            "[1, 2]");
    CliRun badSince = flotilla("sync", "stats", "--since", "7x");
    CliRun badRollback = start("orders-bad", "--rollback", "sometimes");

    assertThat(badMapping.exitCode()).isEqualTo(2);
    assertThat(badMapping.err().lines()).singleElement().asString().contains("--mapping");
    assertThat(badSince.exitCode()).isEqualTo(2);
    assertThat(badSince.err()).contains("--since must be an age such as 7d");
    assertThat(badRollback.exitCode()).isEqualTo(2);
    assertThat(badRollback.err())
        .contains("--rollback 'sometimes' is not one of none, previous, all");
    assertThat(flotilla("sync", "describe", "alice/x").exitCode()).isEqualTo(1);
  }

  @Test
  void phaseMetersReachTheWorkersMetricsLabelledByPhaseAndJobTypeOnly() throws Exception {
    assertThat(start("orders-metrics").exitCode()).isZero();
    assertThat(start("orders-metrics-fault", "--fault-at", "commit").exitCode()).isEqualTo(1);
    List<Pattern> expected =
        List.of(
            series("workflow_phase_started_total", "commit"),
            series("workflow_phase_completed_seconds_count", "notify"),
            series("workflow_phase_failed_seconds_count", "commit"),
            series("workflow_phase_rolled_back_total", "extract"));

    // The SDK reports its meters every second: wait, bounded, until every one has been reported.
    String body = scrape();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline && !allFound(expected, body)) {
      Thread.sleep(250);
      body = scrape();
    }
    for (Pattern series : expected) {
      assertThat(body).containsPattern(series);
    }
    List<String> phaseSeries =
        body.lines().filter(line -> line.startsWith("workflow_phase_")).toList();
    assertThat(phaseSeries).noneMatch(line -> line.contains("alice") || line.contains("sync/"));
  }

  private static Pattern series(String name, String phase) {
    return Pattern.compile(
        Pattern.quote(name) + "\\{[^}]*job_type=\"sync\"[^}]*phase=\"" + phase + "\"");
  }

  private static boolean allFound(List<Pattern> expected, String body) {
    return expected.stream().allMatch(p -> p.matcher(body).find());
  }

  private static String scrape() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.opsPort() + "/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
