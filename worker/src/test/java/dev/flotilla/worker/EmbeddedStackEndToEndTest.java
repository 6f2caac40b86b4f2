package dev.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.alerting.FailureReport;
import dev.flotilla.common.TaskQueues;
import dev.flotilla.hello.HelloWorkflowImpl;
import dev.flotilla.worker.alerting.OperatorAlertsSignals;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded stack as {@code flotilla dev} runs it (port-bound Temporal test server, embedded
 * PostgreSQL, a worker process), driven through the CLI's own code path over gRPC. The real-server
 * lane runs the same tests against a Temporal dev server ({@link TestStack}).
 */
class EmbeddedStackEndToEndTest {
  private static final String CYCLE_SCOPE = "aws:123456789012/us-east-1/all";
  private static TestStack stack;
  private static WorkerProcess worker;

  @BeforeAll
  static void startStack() {
    stack = TestStack.start();
    worker =
        stack.startWorker(
            TestSettings.withApprovers(CYCLE_SCOPE, List.of("it-approver")), "it-worker");
  }

  @AfterAll
  static void stopStack() {
    worker.close();
    stack.close();
  }

  private static CliRun flotilla(String... args) {
    return stack.cli(args);
  }

  @Test
  void startDescribeListAndHistoryShowWhatHappened() throws Exception {
    CliRun started = flotilla("start", "hello", "--input", "{\"name\":\"e2e\"}", "--wait");
    assertThat(started.exitCode()).as(started.err()).isZero();
    assertThat(started.out()).contains("workflowId=hello/e2e").contains("Hello, e2e!");

    CliRun described = flotilla("describe", "hello/e2e");
    assertThat(described.exitCode()).isZero();
    assertThat(described.out())
        .contains("Status     Completed")
        .contains("Stage      Done")
        .contains("Type       Hello (hello)")
        .contains("\"greeting\":\"Hello, e2e!\"");

    CliRun listed = flotilla("list", "--kind", "hello", "--output", "json");
    assertThat(listed.exitCode()).isZero();
    assertThat(listed.out())
        .contains("\"workflowId\" : \"hello/e2e\"")
        .contains("\"stage\" : \"Done\"");

    CliRun openOnly = flotilla("list", "--state", "open");
    assertThat(openOnly.out()).doesNotContain("hello/e2e");

    CliRun history = flotilla("history", "hello/e2e", "--json");
    assertThat(history.exitCode()).isZero();
    WorkflowExecutionHistory exported = WorkflowExecutionHistory.fromJson(history.out());
    assertThat(exported.getEvents()).hasSizeLessThan(20);
    WorkflowReplayer.replayWorkflowExecution(exported, HelloWorkflowImpl.class);
  }

  @Test
  void alertsShowsAnIncidentOnceAnOperationHasFailedThreeTimesInARow() {
    CliRun before = flotilla("alerts");
    assertThat(before.exitCode()).as(before.err()).isZero();
    assertThat(before.out()).contains("no incidents");

    OperatorAlertsSignals signals =
        new OperatorAlertsSignals(() -> worker.temporal().client(), TaskQueues.CORE, 3);
    for (int attempt = 1; attempt <= 3; attempt++) {
      signals.failed(
          new FailureReport(
              "Compose:hello/e2e-alert",
              "IllegalStateException",
              "boom",
              "hello/e2e-alert",
              attempt,
              Instant.parse("2026-11-26T10:00:00Z")));
    }

    CliRun text = flotilla("alerts");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("OPEN")
        .contains("Compose:hello/e2e-alert#1")
        .contains("last error: IllegalStateException: boom");
    CliRun json = flotilla("alerts", "--output", "json");
    assertThat(json.out())
        .contains("\"incidentId\" : \"Compose:hello/e2e-alert#1\"")
        .contains("\"consecutiveFailures\" : 3");
  }

  @Test
  void retentionStartsByNameWithDefaultsAndReportsWhatItDeleted() {
    CliRun run = flotilla("start", "retention", "--input", "{}", "--wait");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("completed retention  workflowId=retention")
        .contains("\"table\":\"audit_events\"")
        .contains("\"table\":\"cycle_metrics\"")
        .contains("\"table\":\"alert_deliveries\"");
    assertThat(flotilla("describe", "retention").out()).contains("Stage      Done");
  }

  @Test
  void unknownWorkflowIsAOneLineUsageError() {
    CliRun run = flotilla("start", "no-such-flow");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .doesNotContain("\n")
        .contains("unknown workflow 'no-such-flow'")
        .contains("hello");
  }

  @Test
  void malformedInputIsRefusedAndStartsNothing() {
    CliRun run = flotilla("start", "hello", "--input", "{\"name\": \"half\"");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).doesNotContain("\n").contains("not valid JSON");
    assertThat(flotilla("describe", "hello/half").exitCode()).isEqualTo(1);
  }

  @Test
  void inputThatFailsValidationIsRefusedBeforeStarting() {
    CliRun run = flotilla("start", "hello", "--input", "{\"requestId\":\"x\"}");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("field 'name' is missing");
  }

  @Test
  void unknownWorkflowIdIsNotFound() {
    CliRun run = flotilla("describe", "hello/nobody");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no workflow with ID 'hello/nobody'");
  }

  @Test
  void unreachableServerNamesTheAddressTried() {
    int closedPort = DevStack.freePort();
    CliRun run = CliRun.of("list", "--address", "127.0.0.1:" + closedPort);
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err().strip())
        .doesNotContain("\n")
        .contains("cannot reach Temporal at 127.0.0.1:" + closedPort);
  }

  @Test
  void workerServesSdkMetricsHealthAndReadiness() throws Exception {
    assertThat(flotilla("start", "hello", "--input", "{\"name\":\"metrics\"}", "--wait").exitCode())
        .isZero();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String base = "http://127.0.0.1:" + worker.opsPort();
    HttpResponse<String> ready =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/ready")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> metrics =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(metrics.statusCode()).isEqualTo(200);
    // The SDK's own meters reach Prometheus through its Micrometer reporter.
    assertThat(metrics.body())
        .contains("temporal_request")
        .contains("task_queue=\"flotilla-core\"");
  }

  @Test
  void completionScriptCoversEveryCommand() {
    CliRun run = CliRun.of("completion");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("complete -F")
        .contains("describe")
        .contains("alerts")
        .contains("bench")
        .contains("dev");
  }

  @Test
  void cycleIsStartedDecidedAndInspectedThroughTheCli() throws Exception {
    String input =
        "{\"scope\": {\"source\": \"sample\", \"account\": \"123456789012\", \"regions\": [\"us-east-1\"]}, \"requestedBy\": \"it\"}";
    String cycleId = "optimization-cycle/" + CYCLE_SCOPE;
    CliRun started = flotilla("start", "optimization-cycle", "--input", input);
    assertThat(started.exitCode()).as(started.err()).isZero();

    CliRun again = flotilla("start", "optimization-cycle", "--input", input);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err().strip())
        .startsWith("flotilla: a cycle for " + CYCLE_SCOPE + " is already running (run ");

    List<String> approvals = pendingApprovals(cycleId);
    assertThat(approvals).isNotEmpty();
    CliRun approved =
        flotilla("approve", approvals.get(0), "--as", "it-approver", "--comment", "ok");
    assertThat(approved.exitCode()).as(approved.err()).isZero();
    CliRun outsider = flotilla("reject", approvals.get(1 % approvals.size()), "--as", "mallory");
    assertThat(outsider.exitCode()).isZero(); // sent; the workflow records it and changes nothing
    for (String approval : approvals.subList(1, approvals.size())) {
      assertThat(flotilla("reject", approval, "--as", "it-approver").exitCode()).isZero();
    }

    CliRun done = awaitClosed(cycleId);
    assertThat(done.out()).contains("Status     Completed").contains("\"approved\":1");
    CliRun repeat = flotilla("approve", approvals.get(0), "--as", "it-approver");
    assertThat(repeat.exitCode()).isEqualTo(1);
    assertThat(repeat.err()).contains("is already approved by it-approver");
    assertThat(flotilla("describe", approvals.get(0)).out()).contains("\"dryRun\":true");
  }

  /** The cycle's approval children, once it has asked for them (bounded wait on describe). */
  private static List<String> pendingApprovals(String cycleId) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      CliRun described = flotilla("describe", cycleId, "--output", "json");
      var view = new com.fasterxml.jackson.databind.ObjectMapper().readTree(described.out());
      var progress = view.path("progress");
      int batches = progress.path("batches").asInt();
      if (batches > 0
          && progress.path("approvalsCreated").asInt() == batches
          && view.path("pendingApprovals").size() == batches) {
        List<String> ids = new java.util.ArrayList<>();
        view.path("pendingApprovals").forEach(a -> ids.add(a.path("workflowId").asText()));
        return ids.stream().sorted().toList();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no pending approvals within 120 s");
  }

  private static CliRun awaitClosed(String workflowId) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      CliRun described = flotilla("describe", workflowId);
      if (!described.out().contains("Status     Running")) {
        return described;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(workflowId + " did not close within 60 s");
  }
}
