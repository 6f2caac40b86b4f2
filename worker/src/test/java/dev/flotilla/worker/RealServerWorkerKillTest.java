package dev.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers as separate JVMs ({@code flotilla worker}) against the dev server in its own process: one
 * is killed with SIGKILL in the middle of a 10,000-resource cycle and another finishes it; one is
 * stopped with SIGTERM in the middle of a cycle and drains what it had started.
 */
@Tag("real-server")
class RealServerWorkerKillTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APPROVER = "lane-approver";
  private static final String ACCOUNT = "555555555555";
  private static final String SCOPE = "aws:" + ACCOUNT + "/us-east-1+us-west-2/all";
  private static final String CYCLE_ID = "optimization-cycle/" + SCOPE;
  private static final int GRACE_SECONDS = 20;

  private static TestStack stack;
  private static HttpServer receiver;
  private static final Map<String, AtomicInteger> deliveriesByKey = new ConcurrentHashMap<>();
  private static WorkflowServiceStubs stubs;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(TestStack.externalServer().isPresent(), "no real server (TEMPORAL_ADDRESS)");
    stack = TestStack.start();
    stubs = WorkflowServiceStubs.newServiceStubs(stack.serviceOptions());
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
          exchange.getRequestBody().readAllBytes();
          deliveriesByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    Files.writeString(
        dir.resolve("flotilla.yaml"),
        """
        approvers:
          "%s": [%s]
        sample: {resources: 10000}
        alerts:
          webhooks: [{name: lane, url: "http://127.0.0.1:%d/hook"}]
        worker:
          shutdownGraceSeconds: %d
        """
            .formatted(SCOPE, APPROVER, receiver.getAddress().getPort(), GRACE_SECONDS));
  }

  @AfterAll
  static void stop() {
    if (receiver != null) {
      receiver.stop(0);
    }
    if (stubs != null) {
      stubs.shutdownNow();
    }
    if (stack != null) {
      stack.close();
    }
  }

  /** A {@code flotilla worker} JVM, its output collected, once it has said "ready". */
  private record WorkerJvm(Process process, List<String> lines, Thread reader) {
    static WorkerJvm start(String identity) throws Exception {
      String java = ProcessHandle.current().info().command().orElse("java");
      ProcessBuilder builder =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  FlotillaMain.class.getName(),
                  "worker",
                  "--http-port",
                  "0",
                  "--identity",
                  identity)
              .redirectErrorStream(true);
      builder.environment().put("TEMPORAL_ADDRESS", stack.temporalAddress());
      builder.environment().put("FLOTILLA_CONFIG", dir.resolve("flotilla.yaml").toString());
      builder.environment().put("FLOTILLA_DATABASE_URL", stack.jdbcUrl());
      builder.environment().put("FLOTILLA_DATABASE_USER", stack.databaseUser());
      Process process = builder.start();
      List<String> lines = new CopyOnWriteArrayList<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                  }
                } catch (Exception ignored) {
                  // the process ended
                }
              });
      reader.setDaemon(true);
      reader.start();
      WorkerJvm worker = new WorkerJvm(process, lines, reader);
      await(identity + " to say ready", () -> lines.contains("ready") || !process.isAlive(), 60);
      assertThat(process.isAlive()).as(String.join("\n", lines)).isTrue();
      return worker;
    }
  }

  private static CliRun flotilla(String... args) {
    return stack.cli(args);
  }

  private static JsonNode describe(String workflowId) {
    try {
      return JSON.readTree(flotilla("describe", workflowId, "--output", "json").out());
    } catch (Exception e) {
      return JSON.createObjectNode();
    }
  }

  private static String startCycle() {
    String input =
        "{\"scope\": {\"source\": \"sample\", \"account\": \""
            + ACCOUNT
            + "\", \"regions\": [\"us-east-1\", \"us-west-2\"]}, \"batchSize\": 100,"
            + " \"requestedBy\": \"lane\"}";
    CliRun started = flotilla("start", "optimization-cycle", "--input", input);
    assertThat(started.exitCode()).as(started.err()).isZero();
    return CYCLE_ID;
  }

  // Batch analysis activities do not heartbeat, so the server retries those the killed worker held
  // only when their 1-minute start-to-close timeout (ActivityPresets.ANALYSIS_BATCH) runs out.
  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void cycleOverTenThousandResourcesSurvivesItsWorkerKilledAndDeliversEachNoticeOnce()
      throws Exception {
    AtomicInteger analysedBeforeKill = new AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<String> stageBeforeKill =
        new java.util.concurrent.atomic.AtomicReference<>("");
    WorkerJvm first = WorkerJvm.start("lane-worker-killed");
    String cycleId;
    try {
      cycleId = startCycle();
      await(
          "the inventory stored and the analysis or recommendation stage under way",
          () -> {
            // The progress query needs a worker, so it is read while the first one is alive.
            JsonNode view = describe(CYCLE_ID);
            stageBeforeKill.set(view.path("stage").asText());
            analysedBeforeKill.set(view.path("progress").path("resourcesAnalyzed").asInt());
            return stageBeforeKill.get().equals("Analysis")
                || stageBeforeKill.get().equals("Recommendation Generation");
          },
          120);
    } finally {
      first.process().destroyForcibly(); // SIGKILL: no drain, no goodbye to the server
    }
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.process().exitValue()).isEqualTo(137);
    long killed = System.nanoTime();
    int analysedWhenKilled = analysedBeforeKill.get();

    WorkerJvm second = WorkerJvm.start("lane-worker-second");
    try {
      List<String> approvals = new ArrayList<>();
      await(
          "every approval of the cycle",
          () -> {
            JsonNode view = describe(cycleId);
            int batches = view.path("progress").path("batches").asInt();
            // Created counts started children; a pending child may still be only initiated.
            if (batches == 0
                || view.path("progress").path("approvalsCreated").asInt() != batches
                || view.path("pendingApprovals").size() != batches) {
              return false;
            }
            approvals.clear();
            view.path("pendingApprovals")
                .forEach(a -> approvals.add(a.path("workflowId").asText()));
            return true;
          },
          600);
      // A measurement for the lane's log, not an assertion: how long the cycle took to recover.
      System.out.printf(
          "worker-kill: killed in stage %s with %d of 10000 analysed; every approval created %d s"
              + " after the kill%n",
          stageBeforeKill.get(),
          analysedWhenKilled,
          TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed));
      for (String approval : approvals) {
        CliRun rejected = flotilla("reject", approval, "--as", APPROVER);
        assertThat(rejected.exitCode()).as(approval + ": " + rejected.err()).isZero();
      }
      await(
          "the cycle to complete",
          () -> !describe(cycleId).path("status").asText().equals("Running"),
          120);
      JsonNode result = describe(cycleId).path("result");
      assertThat(describe(cycleId).path("status").asText()).isEqualTo("Completed");
      assertThat(result.path("resourcesSeen").asInt()).isEqualTo(10_000);
      assertThat(result.path("resourcesAnalyzed").asInt()).isEqualTo(10_000);
      assertThat(result.path("resourcesFailed").asInt()).isZero();
      assertThat(result.path("approvalsCreated").asInt()).isEqualTo(approvals.size());

      String cycleKey = result.path("cycleId").asText();
      try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.databaseUser(), null);
          var ps =
              c.prepareStatement(
                  "SELECT count(*), count(DISTINCT resource_id) FROM cycle_analyses WHERE cycle_id = ?")) {
        ps.setString(1, cycleKey);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertThat(rs.getLong(1)).isEqualTo(10_000);
          assertThat(rs.getLong(2)).isEqualTo(10_000);
        }
      }
      // Each approval's notice reached the webhook once, whichever worker sent it.
      await("a notice per approval", () -> deliveriesByKey.size() >= approvals.size(), 60);
      assertThat(deliveriesByKey).hasSize(approvals.size());
      assertThat(deliveriesByKey.values())
          .allSatisfy(count -> assertThat(count.get()).isEqualTo(1));

      // SIGTERM during the next cycle: the worker drains what it started within the grace period.
      startCycle();
      await(
          "the next analysis to be under way",
          () -> describe(CYCLE_ID).path("progress").path("resourcesAnalyzed").asInt() > 0,
          120);
      long signalled = System.nanoTime();
      second.process().toHandle().destroy(); // SIGTERM, leaving our end of its output open
      assertThat(second.process().waitFor(GRACE_SECONDS + 15, TimeUnit.SECONDS))
          .as(String.join("\n", second.lines()))
          .isTrue();
      assertThat(second.process().exitValue()).as(String.join("\n", second.lines())).isZero();
      second.reader().join(TimeUnit.SECONDS.toMillis(10)); // the last lines, after the exit
      assertThat(second.lines()).anyMatch(line -> line.contains("received; draining"));
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - signalled))
          .isLessThanOrEqualTo(GRACE_SECONDS + 10);
      // Not asserted yet, printed for the lane's log: in one of two lane runs on 2026-11-26 two
      // Recommend activities were still STARTED on the server after the worker had drained and
      // exited 0 (see docs/architecture.md, section 14).
      System.out.println(
          "worker-term: still started after the drain: " + startedButUnfinished(CYCLE_ID));
    } finally {
      second.process().destroyForcibly();
      flotilla("terminate", CYCLE_ID, "--reason", "worker-kill test cleanup");
    }
  }

  /** Activities of the cycle and its children still in state STARTED. */
  private static List<String> startedButUnfinished(String cycleId) {
    List<String> ids = new ArrayList<>();
    ids.add(cycleId);
    stubs
        .blockingStub()
        .listWorkflowExecutions(
            ListWorkflowExecutionsRequest.newBuilder()
                .setNamespace(DevStack.NAMESPACE)
                .setQuery("ParentWorkflowId = '" + cycleId + "' AND ExecutionStatus = 'Running'")
                .setPageSize(1000)
                .build())
        .getExecutionsList()
        .forEach(e -> ids.add(e.getExecution().getWorkflowId()));
    List<String> started = new ArrayList<>();
    for (String id : ids) {
      stubs
          .blockingStub()
          .describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace(DevStack.NAMESPACE)
                  .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                  .build())
          .getPendingActivitiesList()
          .stream()
          .filter(a -> a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)
          .forEach(a -> started.add(id + " " + a.getActivityType().getName()));
    }
    return started;
  }

  private static void await(String what, Supplier<Boolean> condition, int seconds)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + seconds + " s for " + what);
      }
      Thread.sleep(200);
    }
  }
}
