package dev.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.hello.GreetingActivitiesImpl;
import dev.flotilla.hello.HelloRequest;
import dev.flotilla.hello.HelloWorkflow;
import dev.flotilla.hello.HelloWorkflowImpl;
import dev.flotilla.settings.FlotillaSettings;
import dev.flotilla.settings.SettingsLoader;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a real Temporal server can do, against the dev server of
 * scripts/temporal-dev-server.sh: Schedules with overlap SKIP, visibility queries on Flotilla's
 * search attributes, reset of a failed cycle, task-queue rate limits and the payload size limit.
 */
@Tag("real-server")
class RealServerLaneTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  // The sample generator is seeded by the account, and each test keeps to its own scope.
  private static final String SCHEDULED = "111111111111";
  private static final String LISTED = "222222222222";
  private static final String OVERSIZED = "333333333333";
  private static final String FROM_FILE = "123456789012";
  private static final String IN_THE_UI = "444444444444";
  private static final String APPROVER = "lane-approver";
  private static TestStack stack;
  private static WorkerProcess worker;

  @BeforeAll
  static void startWorker() {
    assumeTrue(TestStack.externalServer().isPresent(), "no real server (TEMPORAL_ADDRESS)");
    stack = TestStack.start();
    Map<String, String> overrides =
        new java.util.HashMap<>(
            Map.of("FLOTILLA_WORKER_HTTP_PORT", "0", "FLOTILLA_SAMPLE_RESOURCES", "300"));
    MotoAccount.endpoint().ifPresent(endpoint -> overrides.put("FLOTILLA_AWS_ENDPOINT", endpoint));
    FlotillaSettings settings =
        new SettingsLoader(overrides)
            .load(null)
            .withApprovers(
                Map.of(
                    scopeKey(SCHEDULED),
                    List.of(APPROVER),
                    scopeKey(LISTED),
                    List.of(APPROVER),
                    scopeKey(OVERSIZED),
                    List.of(APPROVER),
                    scopeKey(FROM_FILE),
                    List.of(APPROVER),
                    scopeKey(IN_THE_UI),
                    List.of(APPROVER),
                    MotoAccount.SCOPE_KEY,
                    List.of(APPROVER)));
    worker = stack.startWorker(settings, "lane-worker");
  }

  @AfterAll
  static void stopWorker() {
    if (worker != null) {
      worker.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  private static String scopeKey(String account) {
    return "aws:" + account + "/us-east-1/all";
  }

  private static String sampleCycle(String account) {
    return "{\"scope\": {\"source\": \"sample\", \"account\": \""
        + account
        + "\", \"regions\": [\"us-east-1\"]}, \"batchSize\": 100, \"requestedBy\": \"lane\"}";
  }

  private static CliRun flotilla(String... args) {
    return stack.cli(args);
  }

  private static WorkflowClient client() {
    return worker.temporal().client();
  }

  @Test
  void scheduledCycleRunsOnTriggerAndSkipsATriggerWhileItsRunIsOpen() throws Exception {
    String scheduleId = "optimization-cycle/" + scopeKey(SCHEDULED);
    CliRun created =
        flotilla(
            "schedule",
            "create",
            "optimization-cycle",
            "--scope-account",
            SCHEDULED,
            "--region",
            "us-east-1",
            "--source",
            "sample",
            "--every",
            "weekly");
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).contains("created schedule " + scheduleId).contains("overlap SKIP");
    try {
      assertThat(flotilla("schedule", "trigger", scheduleId).exitCode()).isZero();
      String query =
          "FlotillaKind = 'optimization-cycle' AND FlotillaScope = '"
              + scopeKey(SCHEDULED)
              + "' AND ExecutionStatus = 'Running'";
      await("the triggered cycle to run", () -> count(query) == 1);

      // The first run waits for its approvals, so a second trigger must be skipped, not queued.
      assertThat(flotilla("schedule", "trigger", scheduleId).exitCode()).isZero();
      ScheduleClient schedules = ScheduleClient.newInstance(worker.temporal().stubs());
      await(
          "the second trigger to be skipped",
          () ->
              schedules.getHandle(scheduleId).describe().getInfo().getNumActionsSkippedOverlap()
                  == 1);
      assertThat(count(query)).isEqualTo(1);
      CliRun described = flotilla("schedule", "describe", scheduleId);
      assertThat(described.out())
          .contains("Overlap    SCHEDULE_OVERLAP_POLICY_SKIP")
          .contains("Runs       1")
          .contains("Skipped    1");

      assertThat(flotilla("schedule", "pause", scheduleId, "--note", "lane").exitCode()).isZero();
      assertThat(flotilla("schedule", "describe", scheduleId).out())
          .contains("State      PAUSED (lane)");
      // The schedule listing is a visibility query, so it catches up shortly after.
      await(
          "the listing to show the schedule paused",
          () -> flotilla("schedule", "list").out().contains(scheduleId + "  PAUSED"));
      assertThat(flotilla("schedule", "unpause", scheduleId).exitCode()).isZero();
      assertThat(flotilla("schedule", "describe", scheduleId).out()).contains("State      active");
      // The schedule listing is a visibility query, so it catches up shortly after.
      await(
          "the listing to show the schedule active",
          () -> flotilla("schedule", "list").out().contains(scheduleId + "  active"));
    } finally {
      CliRun deleted = flotilla("schedule", "delete", scheduleId);
      assertThat(deleted.out()).contains("deleted schedule " + scheduleId);
      terminateRunning("FlotillaScope = '" + scopeKey(SCHEDULED) + "'");
    }
    assertThat(flotilla("schedule", "describe", scheduleId).exitCode()).isEqualTo(1);
  }

  @Test
  void listFindsCyclesAndApprovalsByTheirSearchAttributes() throws Exception {
    String cycleId = "optimization-cycle/" + scopeKey(LISTED);
    CliRun started = flotilla("start", "optimization-cycle", "--input", sampleCycle(LISTED));
    assertThat(started.exitCode()).as(started.err()).isZero();
    try {
      List<String> approvals = pendingApprovals(cycleId);
      String scoped = "FlotillaScope = '" + scopeKey(LISTED) + "' AND ExecutionStatus = 'Running'";
      await(
          "the approvals to be visible",
          () -> count(scoped + " AND FlotillaKind = 'approval'") == approvals.size());
      assertThat(count(scoped + " AND FlotillaStage = 'Approval Request Creation'")).isEqualTo(1);

      CliRun cycles =
          flotilla(
              "list", "--kind", "optimization-cycle", "--status", "Running", "--output", "json");
      assertThat(cycles.exitCode()).as(cycles.err()).isZero();
      JsonNode rows = JSON.readTree(cycles.out());
      assertThat(rows.findValuesAsText("workflowId")).contains(cycleId);
      CliRun waiting = flotilla("list", "--kind", "approval", "--state", "open");
      assertThat(waiting.out()).contains(approvals.get(0)).contains("Waiting for decision");
    } finally {
      terminateRunning("FlotillaScope = '" + scopeKey(LISTED) + "'");
    }
  }

  @Test
  void failedCycleResetToItsFailedStageReRunsItAndStoresTheInventoryOnce(@TempDir Path dir)
      throws Exception {
    Path inventory = dir.resolve("inventory.json");
    String cycleId = "optimization-cycle/" + scopeKey(FROM_FILE);
    String input =
        "{\"scope\": {\"source\": \"file:"
            + inventory
            + "\", \"account\": \""
            + FROM_FILE
            + "\", \"regions\": [\"us-east-1\"]}, \"requestedBy\": \"lane\"}";
    CliRun started = flotilla("start", "optimization-cycle", "--input", input, "--wait");
    assertThat(started.exitCode()).isEqualTo(1);
    assertThat(started.err()).contains("inventory file " + inventory + " does not exist");
    String failedRun =
        worker
            .temporal()
            .stubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(DevStack.NAMESPACE)
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(cycleId))
                    .build())
            .getWorkflowExecutionInfo()
            .getExecution()
            .getRunId();

    // What the Web UI's Reset does: back to the workflow task that scheduled the failed activity.
    List<HistoryEvent> events =
        client().fetchHistory(cycleId, failedRun).getHistory().getEventsList();
    HistoryEvent collect =
        events.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .filter(
                e ->
                    e.getActivityTaskScheduledEventAttributes()
                        .getActivityType()
                        .getName()
                        .equals("Collect"))
            .findFirst()
            .orElseThrow();
    long resetTo =
        collect.getActivityTaskScheduledEventAttributes().getWorkflowTaskCompletedEventId();
    try (var in = getClass().getResourceAsStream("/samples/inventory-example.json")) {
      Files.copy(in, inventory);
    }
    String newRun =
        worker
            .temporal()
            .stubs()
            .blockingStub()
            .resetWorkflowExecution(
                ResetWorkflowExecutionRequest.newBuilder()
                    .setNamespace(DevStack.NAMESPACE)
                    .setWorkflowExecution(
                        WorkflowExecution.newBuilder().setWorkflowId(cycleId).setRunId(failedRun))
                    .setWorkflowTaskFinishEventId(resetTo)
                    .setReason("inventory file restored")
                    .setRequestId(UUID.randomUUID().toString())
                    .build())
            .getRunId();
    assertThat(newRun).isNotEqualTo(failedRun);

    List<String> approvals = pendingApprovals(cycleId);
    for (String approval : approvals) {
      assertThat(flotilla("reject", approval, "--as", APPROVER).exitCode()).isZero();
    }
    CliRun done = awaitClosed(cycleId);
    assertThat(done.out()).contains("Status     Completed");
    int resources = JSON.readTree(Files.readString(inventory)).size();
    assertThat(done.out()).contains("\"resourcesSeen\":" + resources);

    // One cycle ID across the reset (first run ID), so the stage's writes landed once.
    String cycleKey = cycleId + "@" + failedRun;
    assertThat(rows("SELECT count(*) FROM cycle_resources WHERE cycle_id = ?", cycleKey))
        .isEqualTo(resources);
    assertThat(
            rows(
                "SELECT count(*) FROM audit_events WHERE workflow_id = ? AND stage = 'Metric"
                    + " Retrieval' AND event_type = 'stage-started'",
                cycleId))
        .isEqualTo(1);
  }

  @Test
  void cycleOverAnEmulatedAwsAccountFindsWhatWasLeftIdleUnattachedOrWithoutLifecycle()
      throws Exception {
    assumeTrue(MotoAccount.endpoint().isPresent(), "no moto server (MOTO_ENDPOINT)");
    MotoAccount.Created created = MotoAccount.populate(MotoAccount.endpoint().get());
    String cycleId = "optimization-cycle/" + MotoAccount.SCOPE_KEY;
    String input =
        "{\"scope\": {\"source\": \"aws\", \"account\": \""
            + MotoAccount.ACCOUNT
            + "\", \"regions\": [\"us-west-2\"]}, \"requestedBy\": \"lane\","
            // Everything in the emulator was made a minute ago: age thresholds of 0 days.
            + " \"thresholds\": {\"services\": {\"ebs\": {\"unattached_days_threshold\": 0},"
            + " \"s3\": {\"lifecycle_age_days\": 0}}}}";
    CliRun started = flotilla("start", "optimization-cycle", "--input", input);
    assertThat(started.exitCode()).as(started.err()).isZero();
    for (String approval : pendingApprovals(cycleId)) {
      assertThat(flotilla("reject", approval, "--as", APPROVER).exitCode()).isZero();
    }
    CliRun done = awaitClosed(cycleId);
    assertThat(done.out()).contains("Status     Completed");
    JsonNode result = JSON.readTree(flotilla("describe", cycleId, "--output", "json").out());
    JsonNode findings = result.path("result").path("findingsByType");
    assertThat(result.path("result").path("resourcesSeen").asInt())
        .isGreaterThanOrEqualTo(created.total());
    assertThat(findings.path("UNATTACHED").asInt()).isEqualTo(created.unattachedVolumes());
    assertThat(findings.path("NO_LIFECYCLE_POLICY").asInt())
        .isEqualTo(created.bucketsWithoutLifecycle());
    assertThat(findings.path("IDLE_LOAD_BALANCER").asInt()).isEqualTo(created.loadBalancers());
    assertThat(findings.path("IDLE").asInt())
        .isEqualTo(created.idleInstances() + created.databases());
    assertThat(
            result
                .path("result")
                .path("recommendationsByAction")
                .path("DELETE_LOAD_BALANCER")
                .asInt())
        .isEqualTo(created.loadBalancers());
  }

  @Test
  void operatorApprovesACycleThroughTheWebUisSendSignalForm() throws Exception {
    String ui = System.getProperty("flotilla.temporalUi", "").strip();
    Path repository = Path.of("").toAbsolutePath().getParent();
    Path script = repository.resolve("scripts/webui/operator.mjs");
    assumeTrue(!ui.isEmpty() && !ui.startsWith("${"), "no Web UI address (TEMPORAL_UI)");
    assumeTrue(
        Files.isDirectory(repository.resolve("scripts/webui/node_modules/playwright-core")),
        "playwright-core is not installed (npm ci in scripts/webui)");
    String cycleId = "optimization-cycle/" + scopeKey(IN_THE_UI);
    // One batch, so one approval decides the cycle.
    String input = sampleCycle(IN_THE_UI).replace("\"batchSize\": 100", "\"batchSize\": 1000");
    CliRun started = flotilla("start", "optimization-cycle", "--input", input);
    assertThat(started.exitCode()).as(started.err()).isZero();
    try {
      List<String> approvals = pendingApprovals(cycleId);
      assertThat(approvals).hasSize(1);

      ProcessBuilder operator =
          new ProcessBuilder("node", script.toString())
              .directory(repository.toFile())
              .redirectErrorStream(true)
              .redirectOutput(repository.resolve("worker/target/webui-operator.log").toFile());
      operator.environment().put("TEMPORAL_UI", ui);
      operator.environment().put("FLOTILLA_SCOPE", scopeKey(IN_THE_UI));
      operator.environment().put("FLOTILLA_APPROVER", APPROVER);
      // docs/img holds the README's copies; a run refreshes them only when asked to.
      operator
          .environment()
          .put(
              "SCREENSHOTS",
              Optional.ofNullable(System.getenv("FLOTILLA_WEBUI_SCREENSHOTS"))
                  .orElse(repository.resolve("worker/target/webui").toString()));
      Process run = operator.start();
      boolean finished = run.waitFor(150, TimeUnit.SECONDS);
      if (!finished) {
        run.destroyForcibly();
      }
      String log = Files.readString(repository.resolve("worker/target/webui-operator.log"));
      assertThat(finished).as(log).isTrue();
      assertThat(run.exitValue()).as(log).isZero();
      assertThat(log).contains("webui: every step passed");

      // The decision arrived as the UI sent it: a signal the workflow checked and recorded.
      assertThat(flotilla("describe", approvals.get(0)).out())
          .contains("Status     Completed")
          .contains("\"state\":\"APPROVED\",\"decidedBy\":\"" + APPROVER + "\"");
      assertThat(flotilla("describe", cycleId).out())
          .contains("Status     Completed")
          .contains("\"approved\":1");
    } finally {
      terminateRunning("FlotillaScope = '" + scopeKey(IN_THE_UI) + "'");
    }
  }

  @Test
  void taskQueueActivityRateLimitIsHonouredByTheServer() throws Exception {
    String queue = "lane-rate-limit-" + UUID.randomUUID();
    double perSecond = 2.0;
    WorkerFactory factory = WorkerFactory.newInstance(client());
    var rateLimited =
        factory.newWorker(
            queue,
            WorkerOptions.newBuilder().setMaxTaskQueueActivitiesPerSecond(perSecond).build());
    rateLimited.registerWorkflowImplementationTypes(HelloWorkflowImpl.class);
    rateLimited.registerActivitiesImplementations(new GreetingActivitiesImpl("rate-limited"));
    factory.start();
    try {
      int runs = 10;
      List<WorkflowExecution> executions = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        HelloWorkflow hello =
            client()
                .newWorkflowStub(
                    HelloWorkflow.class,
                    WorkflowOptions.newBuilder()
                        .setTaskQueue(queue)
                        .setWorkflowId("hello/rate-" + i + "-" + queue)
                        .build());
        executions.add(WorkflowClient.start(hello::greet, new HelloRequest("rate" + i, null)));
      }
      List<Instant> activityStarts = new ArrayList<>();
      for (WorkflowExecution execution : executions) {
        client()
            .newUntypedWorkflowStub(execution.getWorkflowId())
            .getResult(60, TimeUnit.SECONDS, Object.class);
        client().fetchHistory(execution.getWorkflowId()).getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
            .map(
                e ->
                    Instant.ofEpochSecond(
                        e.getEventTime().getSeconds(), e.getEventTime().getNanos()))
            .forEach(activityStarts::add);
      }
      activityStarts.sort(null);
      assertThat(activityStarts).hasSize(runs);
      // The server's limiter refills perSecond tokens a second and lets a burst of up to twice that
      // through (measured: 4, then 3 two seconds later), so the k-th start (0-based) comes no
      // sooner than (k - 2 perSecond) / perSecond seconds after the first. Unlimited, all ten
      // start within a fraction of a second.
      for (int k = 0; k < runs; k++) {
        Duration earliest =
            Duration.ofMillis((long) ((k - 2 * perSecond) / perSecond * 1000) - 100);
        assertThat(Duration.between(activityStarts.get(0), activityStarts.get(k)))
            .as("start %d", k)
            .isGreaterThanOrEqualTo(earliest.isNegative() ? Duration.ZERO : earliest);
      }
    } finally {
      factory.shutdownNow();
    }
  }

  @Test
  void signalOverTwoMegabytesIsRefusedByTheServerAndReportedOnOneLine() throws Exception {
    String cycleId = "optimization-cycle/" + scopeKey(OVERSIZED);
    assertThat(
            flotilla("start", "optimization-cycle", "--input", sampleCycle(OVERSIZED)).exitCode())
        .isZero();
    try {
      String approval = pendingApprovals(cycleId).get(0);
      String comment = "x".repeat(2 * 1024 * 1024 + 1024);
      CliRun refused = flotilla("approve", approval, "--as", APPROVER, "--comment", comment);
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.err().strip()).doesNotContain("\n").containsIgnoringCase("size");
      assertThat(refused.err().length()).isLessThan(400);
      CliRun status = flotilla("describe", approval);
      assertThat(status.out()).contains("Status     Running").contains("Waiting for decision");
    } finally {
      terminateRunning("FlotillaScope = '" + scopeKey(OVERSIZED) + "'");
    }
  }

  private static long count(String query) {
    return worker
        .temporal()
        .stubs()
        .blockingStub()
        .countWorkflowExecutions(
            CountWorkflowExecutionsRequest.newBuilder()
                .setNamespace(DevStack.NAMESPACE)
                .setQuery(query)
                .build())
        .getCount();
  }

  private static void terminateRunning(String query) {
    client()
        .listExecutions(query + " AND ExecutionStatus = 'Running'")
        .forEach(
            e -> {
              try {
                client()
                    .newUntypedWorkflowStub(e.getExecution().getWorkflowId())
                    .terminate("real-server lane test cleanup");
              } catch (RuntimeException ignored) {
                // a child closed with its parent
              }
            });
  }

  private static long rows(String sql, String parameter) throws Exception {
    try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.databaseUser(), null);
        var ps = c.prepareStatement(sql)) {
      ps.setString(1, parameter);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void await(String what, Supplier<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited 60 s for " + what);
      }
      Thread.sleep(200);
    }
  }

  /** The cycle's approval children, once it has asked for them all. */
  private static List<String> pendingApprovals(String cycleId) throws Exception {
    List<String> ids = new ArrayList<>();
    await(
        "the approvals of " + cycleId,
        () -> {
          try {
            JsonNode view = JSON.readTree(flotilla("describe", cycleId, "--output", "json").out());
            JsonNode progress = view.path("progress");
            int batches = progress.path("batches").asInt();
            if (batches == 0
                || progress.path("approvalsCreated").asInt() != batches
                || view.path("pendingApprovals").size() != batches) {
              return false;
            }
            ids.clear();
            view.path("pendingApprovals").forEach(a -> ids.add(a.path("workflowId").asText()));
            return true;
          } catch (Exception e) {
            return false;
          }
        });
    return ids.stream().sorted().toList();
  }

  private static CliRun awaitClosed(String workflowId) throws Exception {
    CliRun[] last = new CliRun[1];
    await(
        workflowId + " to close",
        () -> {
          last[0] = flotilla("describe", workflowId);
          return !last[0].out().contains("Status     Running");
        });
    return last[0];
  }
}
