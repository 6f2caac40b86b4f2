package dev.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.worker.demo.ComponentsDemo;
import dev.flotilla.worker.demo.DemoScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Component operations, the event log, breakers and maintenance on the embedded stack, with a real
 * local component process, driven through the CLI's own code path.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComponentsEndToEndTest {
  private static TestStack stack;
  private static WorkerProcess worker;

  @TempDir static Path work;

  @BeforeAll
  static void startStack() {
    stack = TestStack.embedded(true);
    worker = stack.startWorker(TestSettings.withHttpPort(0), "components-it");
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
  @Order(1)
  void theDemoDeploysChecksRestartsAndStopsARealProcess() throws Exception {
    DemoScenario.Report report = new ComponentsDemo().run(worker.temporal().client());

    assertThat(report.succeeded()).as(String.join("\n", report.lines())).isTrue();
    assertThat(report.lines().get(0))
        .startsWith("deploy    deploy demo-web: 2/2 instances healthy");
  }

  @Test
  @Order(2)
  void historyEventsAndBreakersShowWhatHappened() {
    CliRun history = flotilla("component", "history", "demo-web");
    assertThat(history.exitCode()).as(history.err()).isZero();
    assertThat(history.out()).contains("stop", "restart", "deploy", "SUCCEEDED", "high");

    CliRun events = flotilla("events", "--type", "component.");
    assertThat(events.exitCode()).as(events.err()).isZero();
    assertThat(events.out().lines().filter(l -> l.contains("component.operation.success")))
        .hasSize(3);

    CliRun breakers = CliRun.of("breakers", "--worker", "http://127.0.0.1:" + worker.opsPort());
    assertThat(breakers.exitCode()).as(breakers.err()).isZero();
    assertThat(breakers.out()).contains("demo-web").contains("CLOSED");
    assertThat(worker.metrics().scrape())
        .contains("flotilla_component_breaker_state{component=\"demo-web\",state=\"CLOSED\"} 1.0");
  }

  @Test
  @Order(2)
  void eventsFollowPrintsEventsAsTheyAreWritten() throws Exception {
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine command = FlotillaMain.commandLine();
    command.setOut(new java.io.PrintWriter(out, true));
    command.setErr(new java.io.PrintWriter(new java.io.StringWriter(), true));
    Thread follower =
        Thread.ofVirtual()
            .start(
                () ->
                    command.execute(
                        "events",
                        "--follow",
                        "--type",
                        "workflow.",
                        "--interval",
                        "1",
                        "--address",
                        stack.temporalAddress()));
    try {
      awaitOutput(out, "component/demo-web");

      CliRun stop = flotilla("component", "stop", "ghost");
      assertThat(stop.exitCode()).as(stop.err()).isZero();

      awaitOutput(out, "component/ghost");
      assertThat(out.toString()).contains("workflow.completed").doesNotContain("component.");
    } finally {
      follower.interrupt();
      follower.join(java.time.Duration.ofSeconds(30));
    }
  }

  /** A bounded wait for the follower to print something. */
  private static void awaitOutput(java.io.StringWriter out, String expected)
      throws InterruptedException {
    for (int poll = 0; poll < 300 && !out.toString().contains(expected); poll++) {
      Thread.sleep(100);
    }
    assertThat(out.toString()).contains(expected);
  }

  @Test
  @Order(3)
  void operationsOnAComponentNobodyDeployedFailWithOneLine() throws Exception {
    CliRun scale = flotilla("component", "scale", "nobody", "--instances", "2");
    assertThat(scale.exitCode()).isEqualTo(1);
    assertThat(scale.err().strip())
        .doesNotContain("\n")
        .contains("scale nobody failed")
        .contains("component nobody is not deployed; deploy it first");

    CliRun missing =
        flotilla("component", "deploy", "web", "--manifest", work.resolve("none.json").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).startsWith("flotilla: cannot read manifest");

    Path bad = work.resolve("bad.json");
    Files.writeString(bad, "{\"command\": [\"x\"], \"instances\": 99}");
    CliRun tooMany = flotilla("component", "deploy", "web", "--manifest", bad.toString());
    assertThat(tooMany.exitCode()).isEqualTo(2);
    assertThat(tooMany.err().strip())
        .isEqualTo("flotilla: component web: 'instances' must be between 0 and 20, not 99");
  }

  @Test
  @Order(4)
  void maintenanceBacksUpAndAnotherRunRestoresThatBackup() {
    String dir = work.resolve("backups").toString().replace("\\", "/");
    CliRun backup =
        flotilla("start", "maintenance", "--input", "{\"backupDir\": \"" + dir + "\"}", "--wait");
    assertThat(backup.exitCode()).as(backup.err()).isZero();
    assertThat(backup.out()).contains("\"backupId\":\"flotilla-").contains("component_operations");
    String backupId =
        backup.out().replaceFirst("(?s).*\"backupId\":\"(flotilla-[0-9TZ]+)\".*", "$1");

    CliRun restore =
        flotilla(
            "start",
            "maintenance",
            "--input",
            "{\"backupDir\": \"" + dir + "\", \"restoreFrom\": \"" + backupId + "\"}",
            "--wait");
    assertThat(restore.exitCode()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("\"restored\":true");

    CliRun history = flotilla("component", "history", "demo-web", "--output", "json");
    assertThat(history.out()).contains("\"operation\" : \"deploy\"");

    CliRun schedule = flotilla("schedule", "create", "maintenance", "--every", "daily");
    assertThat(schedule.exitCode()).as(schedule.err()).isZero();
    assertThat(schedule.out()).contains("started a cron workflow maintenance");
    assertThat(flotilla("schedule", "delete", "maintenance").exitCode()).isZero();
  }
}
