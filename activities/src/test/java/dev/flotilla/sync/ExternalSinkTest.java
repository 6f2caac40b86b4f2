package dev.flotilla.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.common.ActivityPresets;
import dev.flotilla.common.FlotillaSearchAttributes;
import dev.flotilla.settings.SecretRef;
import dev.flotilla.store.TestDatabases;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A sync job whose sink table is in another PostgreSQL (a second embedded server), named by a
 * secret reference: the workflow over the real activities, and CONNECT's failures.
 */
class ExternalSinkTest {
  private static final String QUEUE = "sync-external-sink-test";
  private static final String REFERENCE = "env:ORDERS_DB_URL";

  @TempDir Path directory;

  private final DataSource flotilla = TestDatabases.freshMigrated();
  private final String url = TestDatabases.freshElsewhere() + "&password=s3cret-in-url";
  private final DataSource orders = dataSource(url);
  private SyncSinks sinks;
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() throws IOException, SQLException {
    TestDatabases.execute(
        orders,
        "CREATE TABLE orders (record_key TEXT PRIMARY KEY, data JSONB NOT NULL);"
            + " INSERT INTO orders VALUES ('r1', '{\"title\": \"kept\"}'),"
            + " ('r99', '{\"title\": \"other\"}')");
    String records =
        IntStream.rangeClosed(1, 30)
            .mapToObj(id -> String.format("{\"id\": \"r%d\", \"name\": \"item %d\"}", id, id))
            .collect(Collectors.joining(",", "[", "]"));
    Files.writeString(directory.resolve("records.json"), records);
    sinks = new SyncSinks(flotilla, new SecretRef(Map.of("ORDERS_DB_URL", url)));
    env = TestWorkflowEnvironment.newInstance();
    FlotillaSearchAttributes.all()
        .forEach(
            key ->
                env.registerSearchAttribute(
                    key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(SyncJobWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new SyncSourceActivitiesImpl(
            source -> new DirectorySource(Path.of(source)), flotilla, sinks),
        new SyncSinkActivitiesImpl(flotilla, sinks),
        new PhaseLogActivitiesImpl(flotilla),
        new SyncNotifyActivitiesImpl(notice -> {}));
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
    sinks.close();
  }

  private static DataSource dataSource(String url) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(url);
    return dataSource;
  }

  private SyncRequest request(String syncId, String sinkDatabase, SyncPhase faultAt) {
    return new SyncRequest(
        "alice",
        syncId,
        directory.toString(),
        "orders",
        sinkDatabase,
        "id",
        Map.of("name", "title"),
        new SyncOptions(null, null, null, null, faultAt));
  }

  private SyncOutcome run(SyncRequest request) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            SyncJobWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(request.workflowId())
                .setTaskQueue(QUEUE)
                .build())
        .run(request);
  }

  private List<String> orderRows() {
    return TestDatabases.strings(
        orders, "SELECT record_key || '=' || data::text FROM orders ORDER BY record_key");
  }

  @Test
  void aJobCommitsIntoTheExternalTableAndItsUrlIsInNoHistory() {
    SyncRequest request = request("external", REFERENCE, null);

    SyncOutcome outcome = run(request);

    assertThat(outcome.committed()).isEqualTo(30);
    assertThat(TestDatabases.count(orders, "SELECT count(*) FROM orders")).isEqualTo(31);
    assertThat(
            TestDatabases.strings(
                orders, "SELECT data->>'title' FROM orders WHERE record_key = 'r1'"))
        .containsExactly("item 1");
    assertThat(TestDatabases.count(flotilla, "SELECT count(*) FROM sync_records"))
        .as("Flotilla's default sink")
        .isZero();
    assertThat(TestDatabases.count(orders, "SELECT count(*) FROM sync_commit_undo"))
        .as("the external undo rows, cleaned up")
        .isZero();
    assertThat(TestDatabases.count(flotilla, "SELECT count(*) FROM sync_staged_rows")).isZero();
    String history =
        readable(env.getWorkflowClient().fetchHistory(request.workflowId()).toJson(true));
    assertThat(history)
        .contains(REFERENCE)
        .doesNotContain(url)
        .doesNotContain("s3cret-in-url")
        .doesNotContain("jdbc:postgresql");
  }

  /** The history's JSON with every payload's base64 data decoded after it, so text can be found. */
  private static String readable(String json) {
    StringBuilder text = new StringBuilder(json);
    // The JSON escapes base64's padding '=' as a unicode escape.
    Matcher data = Pattern.compile("\"data\": ?\"([^\"]+)\"").matcher(json);
    while (data.find()) {
      String base64 = data.group(1).replace("\\u003d", "=");
      text.append('\n')
          .append(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
    }
    return text.toString();
  }

  @Test
  void aFaultAtCommitRollsBackLeavingTheExternalTableUntouched() {
    List<String> before = orderRows();

    assertThatThrownBy(() -> run(request("fault", REFERENCE, SyncPhase.COMMIT)))
        .isInstanceOf(WorkflowFailedException.class);

    assertThat(orderRows()).isEqualTo(before);
    assertThat(TestDatabases.count(orders, "SELECT count(*) FROM sync_commit_undo")).isZero();
  }

  @Test
  void anUnresolvableReferenceFailsForGoodAtConnectNamingTheReference() {
    SyncSourceActivitiesImpl source =
        new SyncSourceActivitiesImpl(path -> new DirectorySource(Path.of(path)), flotilla, sinks);
    SyncRequest request = request("unset", "env:NO_SUCH_DB_URL", null);

    assertThatThrownBy(() -> source.connect(SyncJob.of(request.workflowId(), "run-1", request)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ActivityPresets.SYNC_SINK_UNUSABLE);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage())
                  .isEqualTo(
                      "sink database env:NO_SUCH_DB_URL cannot be resolved: secret"
                          + " env:NO_SUCH_DB_URL is not set; export NO_SUCH_DB_URL in the worker's"
                          + " environment");
            });
  }

  @Test
  void theWorkflowFailsAtConnectWithTheReferenceInItsMessage() {
    SyncRequest request = request("unset-job", "env:NO_SUCH_DB_URL", null);

    assertThatThrownBy(() -> run(request))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("sink database env:NO_SUCH_DB_URL cannot be resolved");
    assertThat(
            TestDatabases.strings(
                flotilla,
                "SELECT phase_number || ' ' || status || ' ' || error_message"
                    + " FROM workflow_phase_logs WHERE status = 'failed'"))
        .singleElement()
        .asString()
        .startsWith("1 failed ")
        .contains("env:NO_SUCH_DB_URL");
  }

  @Test
  void anUnreachableDatabaseIsRetriedAndNamedByItsReferenceNotItsUrl() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String unreachable =
        "jdbc:postgresql://127.0.0.1:" + closedPort + "/orders?user=bob&password=hunter2";
    Path secret = directory.resolve("orders-db-url");
    Files.writeString(secret, unreachable + "\n");
    SyncSinks fileSinks = new SyncSinks(flotilla, new SecretRef(Map.of()));
    SyncSourceActivitiesImpl source =
        new SyncSourceActivitiesImpl(
            path -> new DirectorySource(Path.of(path)), flotilla, fileSinks);
    SyncRequest request = request("down", "file:" + secret, null);

    try {
      assertThatThrownBy(() -> source.connect(SyncJob.of(request.workflowId(), "run-1", request)))
          .isInstanceOf(IllegalStateException.class)
          .hasNoCause()
          .hasMessageStartingWith("sink database file:" + secret + " is unreachable, SQL state 08")
          .hasMessageNotContaining("127.0.0.1:" + closedPort)
          .hasMessageNotContaining("hunter2");
    } finally {
      fileSinks.close();
    }
  }

  @Test
  void aReferenceToSomethingOtherThanAPostgresUrlFailsForGood() throws IOException {
    Path secret = directory.resolve("not-a-url");
    Files.writeString(secret, "postgres://bob:hunter2@db/orders");
    SyncSinks fileSinks = new SyncSinks(flotilla, new SecretRef(Map.of()));
    SyncRequest request = request("wrong", "file:" + secret, null);

    assertThatThrownBy(() -> fileSinks.of(request))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage())
                  .startsWith("sink database file:" + secret + " does not hold a jdbc:postgresql")
                  .doesNotContain("hunter2");
            });
  }
}
