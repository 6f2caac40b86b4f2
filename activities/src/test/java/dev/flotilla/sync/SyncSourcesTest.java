package dev.flotilla.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.flotilla.common.InvalidInputException;
import dev.flotilla.store.TestDatabases;
import io.temporal.failure.ActivityFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three kinds of source, each extracted through the real activity into embedded PostgreSQL. */
class SyncSourcesTest {
  @TempDir Path directory;

  private final DataSource dataSource = TestDatabases.freshMigrated();
  private TestActivityEnvironment env;
  private HttpServer api;

  /** The cursors the API was asked for, in order; "" for the first page. */
  private final List<String> requestedCursors = new CopyOnWriteArrayList<>();

  @BeforeEach
  void environment() {
    env = TestActivityEnvironment.newInstance();
  }

  @AfterEach
  void close() {
    env.close();
    if (api != null) {
      api.stop(0);
    }
  }

  @Test
  void anHttpApiExtractKilledMidWayResumesFromItsHeartbeatedCursorWithoutDuplicates()
      throws IOException {
    String url = serveRecords(1250);
    SyncSource http = HttpJsonApiSource.of(url + "/orders", SyncSources.defaultHttpClient());
    List<SyncSource.Cursor> heartbeats = new ArrayList<>();
    env.setActivityHeartbeatListener(SyncSource.Cursor.class, heartbeats::add);
    SyncJob job = job("http", url + "/orders");

    env.registerActivitiesImplementations(
        new SyncSourceActivitiesImpl(ignored -> new DyingSource(http, 2), dataSource));
    assertThatThrownBy(() -> env.newActivityStub(SyncSourceActivities.class).extract(job))
        .isInstanceOf(ActivityFailure.class);
    assertThat(count("SELECT count(*) FROM sync_raw_records")).isEqualTo(1000);
    // The SDK throttles heartbeats, so the last one seen may be a page behind what was stored:
    // that page comes again on the retry and must not be stored twice.
    SyncSource.Cursor resumeAt = heartbeats.get(heartbeats.size() - 1);
    assertThat(resumeAt.token()).startsWith("after-");

    env.close();
    env = TestActivityEnvironment.newInstance();
    env.setHeartbeatDetails(resumeAt);
    requestedCursors.clear();
    env.registerActivitiesImplementations(
        new SyncSourceActivitiesImpl(ignored -> http, dataSource));
    long extracted = env.newActivityStub(SyncSourceActivities.class).extract(job);

    assertThat(requestedCursors)
        .as("the retry starts at the heartbeat, not the first page")
        .startsWith(resumeAt.token())
        .doesNotContain("")
        .endsWith("after-1000");
    assertThat(extracted).isEqualTo(1250);
    assertThat(count("SELECT count(DISTINCT payload->>'id') FROM sync_raw_records"))
        .isEqualTo(1250);
  }

  @Test
  void anHttpApiThatRefusesTheRequestIsABadSourceNotARetry() throws IOException {
    String url = serveRecords(10);

    assertThatThrownBy(
            () -> HttpJsonApiSource.of(url + "/missing", SyncSources.defaultHttpClient()).check())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("answered HTTP 404");
  }

  @Test
  void aDirectoryOfJsonAndCsvFilesIsReadInFileNameOrder() throws IOException {
    Files.writeString(directory.resolve("a.json"), "[{\"id\": \"j1\", \"name\": \"from json\"}]");
    Files.writeString(
        directory.resolve("b.csv"), "id,name,price\nc1,\"quoted, with comma\",12.50\nc2,plain,\n");
    Files.writeString(directory.resolve("notes.txt"), "ignored");
    SyncSource files = new DirectorySource(directory);

    SyncSource.Page page = files.page(SyncSource.Cursor.START, 10);

    assertThat(page.next()).isNull();
    assertThat(page.records())
        .extracting(SyncSource.Record::key)
        .containsExactly("a.json#0", "b.csv#0", "b.csv#1");
    assertThat(page.records())
        .extracting(SyncSource.Record::json)
        .containsExactly(
            "{\"id\":\"j1\",\"name\":\"from json\"}",
            "{\"id\":\"c1\",\"name\":\"quoted, with comma\",\"price\":\"12.50\"}",
            "{\"id\":\"c2\",\"name\":\"plain\"}");
  }

  @Test
  void theCloudInventoryIsTheLatestCycleOfTheScopeNamed() throws SQLException {
    storeCycle("cycle-old", "aws:1/us-east-1/all", 3, "2026-11-01");
    storeCycle("cycle-new", "aws:1/us-east-1/all", 700, "2026-11-20");
    storeCycle("cycle-other", "aws:2/eu-west-1/all", 2, "2026-11-25");

    long latestOfScope = extract(dataSourceBacked("inventory:aws:1/us-east-1/all"), "scoped");
    long latestOfAll = extract(dataSourceBacked("inventory"), "all");

    assertThat(latestOfScope).isEqualTo(700);
    assertThat(latestOfAll).isEqualTo(2);
    assertThat(
            TestDatabases.strings(
                dataSource,
                "SELECT DISTINCT payload->>'region' FROM sync_raw_records"
                    + " WHERE job_id LIKE 'sync/alice/scoped@%'"))
        .containsExactly("us-east-1");
  }

  @Test
  void anEmptyInventoryTellsTheUserToRunACycleFirst() {
    assertThatThrownBy(() -> CloudInventorySource.of("inventory", dataSource).check())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "source inventory has no stored inventory yet: run an optimization cycle first");
  }

  private long extract(SyncSource source, String syncId) {
    return extract(source, job(syncId, "ignored"));
  }

  private SyncSource dataSourceBacked(String spec) {
    return SyncSources.of(dataSource, SyncSources.defaultHttpClient()).apply(spec);
  }

  private long extract(SyncSource source, SyncJob job) {
    env.close();
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new SyncSourceActivitiesImpl(ignored -> source, dataSource));
    return env.newActivityStub(SyncSourceActivities.class).extract(job);
  }

  private static SyncJob job(String syncId, String source) {
    SyncRequest request =
        new SyncRequest("alice", syncId, source, "sync_records", "id", Map.of("id", "id"), null);
    return SyncJob.of(request.workflowId(), "run-1", request);
  }

  /**
   * A real HTTP server paging {@code total} records by an opaque cursor, as APIs with cursor
   * pagination do; any path but /orders is a 404.
   */
  private String serveRecords(int total) throws IOException {
    api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext(
        "/",
        exchange -> {
          if (!exchange.getRequestURI().getPath().equals("/orders")) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
          String cursor = query.getOrDefault("cursor", "");
          requestedCursors.add(cursor);
          int from = cursor.isEmpty() ? 0 : Integer.parseInt(cursor.substring("after-".length()));
          int to = Math.min(total, from + Integer.parseInt(query.get("limit")));
          String records =
              IntStream.range(from, to)
                  .mapToObj(i -> "{\"id\": \"o" + i + "\", \"amount\": " + i + "}")
                  .collect(Collectors.joining(",", "[", "]"));
          String next = to < total ? "\"after-" + to + "\"" : "null";
          byte[] body =
              ("{\"data\": " + records + ", \"next_cursor\": " + next + "}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    api.start();
    return "http://127.0.0.1:" + api.getAddress().getPort();
  }

  private static Map<String, String> query(String raw) {
    if (raw == null) {
      return Map.of();
    }
    return java.util.Arrays.stream(raw.split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(
            Collectors.toMap(kv -> kv[0], kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8)));
  }

  private void storeCycle(String cycleId, String scopeKey, int resources, String day)
      throws SQLException {
    TestDatabases.execute(
        dataSource,
        "INSERT INTO cycle_windows (cycle_id, scope_key, window_from, window_to, created_at)"
            + " VALUES ('"
            + cycleId
            + "', '"
            + scopeKey
            + "', now(), now(), '"
            + day
            + "')");
    String region = scopeKey.split("/")[1];
    TestDatabases.execute(
        dataSource,
        "INSERT INTO cycle_resources (cycle_id, position, resource_id, kind, payload, created_at)"
            + " SELECT '"
            + cycleId
            + "', p, 'i-' || p, 'EC2_INSTANCE', jsonb_build_object('id', 'i-' || p, 'region', '"
            + region
            + "'), '"
            + day
            + "' FROM generate_series(0, "
            + (resources - 1)
            + ") p");
  }

  private long count(String sql) {
    return TestDatabases.count(dataSource, sql);
  }
}
