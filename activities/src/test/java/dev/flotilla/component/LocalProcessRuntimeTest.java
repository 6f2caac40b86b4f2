package dev.flotilla.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.common.ActivityPresets;
import dev.flotilla.settings.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local runtime against real OS processes: a small JDK HTTP server per instance. */
class LocalProcessRuntimeTest {
  @TempDir Path logs;

  private final CountDownLatch restarted = new CountDownLatch(1);
  private LocalProcessRuntime runtime;

  private LocalProcessRuntime runtime(int maxAutoRestarts) {
    runtime =
        new LocalProcessRuntime(
            logs,
            new SecretRef(Map.of("GREETING_TOKEN", "s3cret")),
            maxAutoRestarts,
            new LocalProcessRuntime.Supervision() {
              @Override
              public void restarted(
                  String component, int instance, long deadPid, int exitCode, int restarts) {
                restarted.countDown();
              }

              @Override
              public void gaveUp(
                  String component, int instance, long deadPid, int exitCode, int restarts) {}
            });
    return runtime;
  }

  @AfterEach
  void stopEverything() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private static ComponentManifest web(int instances, HealthCheck health) {
    return new ComponentManifest(
        "web",
        TinyHttpService.command(),
        Map.of("MODE", "test"),
        Map.of("TOKEN", "env:GREETING_TOKEN"),
        instances,
        health,
        null);
  }

  @Test
  void deployStartsHealthyInstancesAndARepeatIsANoOp() {
    int port = TinyHttpService.freePort(2);
    LocalProcessRuntime runtime = runtime(2);

    ComponentStatus deployed = runtime.ensure(web(2, HealthCheck.http(port, "/health")));
    HealthReport health = awaitHealthy(runtime, "web");
    ComponentStatus again = runtime.ensure(web(2, HealthCheck.http(port, "/health")));

    assertThat(deployed.changed()).isTrue();
    assertThat(deployed.instances())
        .extracting(InstanceStatus::port)
        .containsExactly(port, port + 1);
    assertThat(health.healthyInstances()).isEqualTo(2);
    assertThat(again.changed()).isFalse();
    assertThat(again.instances())
        .extracting(InstanceStatus::pid)
        .isEqualTo(deployed.instances().stream().map(InstanceStatus::pid).toList());
    assertThat(runtime.deployed()).containsExactly("web");
  }

  @Test
  void aKilledInstanceIsRestartedBySupervisionAndIsHealthyAgain() throws Exception {
    int port = TinyHttpService.freePort(1);
    LocalProcessRuntime runtime = runtime(2);
    ComponentStatus deployed = runtime.ensure(web(1, HealthCheck.http(port, "/health")));
    awaitHealthy(runtime, "web");
    long pid = deployed.instances().get(0).pid();

    ProcessHandle.of(pid).orElseThrow().destroyForcibly();

    assertThat(restarted.await(30, TimeUnit.SECONDS)).as("supervisor restarted it").isTrue();
    HealthReport health = awaitHealthy(runtime, "web");
    InstanceStatus instance = runtime.status("web").instances().get(0);
    assertThat(health.healthy()).isTrue();
    assertThat(instance.pid()).isNotEqualTo(pid);
    assertThat(instance.restarts()).isEqualTo(1);
  }

  @Test
  void withNoRestartsLeftAKilledInstanceStaysDownAndFailsItsHealthCheck() throws Exception {
    int port = TinyHttpService.freePort(1);
    LocalProcessRuntime runtime = runtime(0);
    ComponentStatus deployed = runtime.ensure(web(1, HealthCheck.tcp(port)));
    awaitHealthy(runtime, "web");

    ProcessHandle process = ProcessHandle.of(deployed.instances().get(0).pid()).orElseThrow();
    process.destroyForcibly();
    process.onExit().get(30, TimeUnit.SECONDS);

    HealthReport health = runtime.probe("web");
    assertThat(health.healthy()).isFalse();
    assertThat(health.problems()).singleElement().asString().startsWith("instance 0: not running");

    ComponentStatus recovered = runtime.restart("web", "op-1/restart-1", true);
    assertThat(recovered.changed()).isTrue();
    assertThat(awaitHealthy(runtime, "web").healthy()).isTrue();
  }

  @Test
  void restartHappensOncePerKeyAndScaleAddsAndRemovesInstances() {
    int port = TinyHttpService.freePort(3);
    LocalProcessRuntime runtime = runtime(2);
    runtime.ensure(web(1, HealthCheck.http(port, "/health")));
    awaitHealthy(runtime, "web");

    ComponentStatus first = runtime.restart("web", "op-7", false);
    ComponentStatus repeat = runtime.restart("web", "op-7", false);
    assertThat(first.changed()).isTrue();
    assertThat(repeat.changed()).isFalse();
    assertThat(repeat.instances().get(0).pid()).isEqualTo(first.instances().get(0).pid());

    assertThat(runtime.scale("web", 3).instances()).hasSize(3);
    assertThat(awaitHealthy(runtime, "web").healthyInstances()).isEqualTo(3);
    assertThat(runtime.scale("web", 1).instances()).hasSize(1);
    assertThat(runtime.scale("web", 1).changed()).isFalse();
  }

  @Test
  void anUnhealthyAnswerIsReportedPerInstance() {
    int port = TinyHttpService.freePort(1);
    LocalProcessRuntime runtime = runtime(2);
    ComponentManifest failing =
        new ComponentManifest(
            "web",
            TinyHttpService.command(),
            Map.of("HEALTH_STATUS", "503"),
            null,
            1,
            HealthCheck.http(port, "/health"),
            null);
    runtime.ensure(failing);

    HealthReport report = awaitReport(runtime, "web", r -> r.problems().toString().contains("503"));
    assertThat(report.problems()).containsExactly("instance 0: HTTP 503 from /health");
  }

  @Test
  void stopEndsTheProcessesAndForgetsTheComponent() throws Exception {
    int port = TinyHttpService.freePort(1);
    LocalProcessRuntime runtime = runtime(2);
    long pid = runtime.ensure(web(1, HealthCheck.tcp(port))).instances().get(0).pid();

    assertThat(runtime.stop("web").changed()).isTrue();
    assertThat(runtime.stop("web").changed()).isFalse();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(runtime.deployed()).isEmpty();
    assertThat(Files.readString(logs.resolve("web-0.log"))).doesNotContain("s3cret");
  }

  @Test
  void refusalsCarryTheirFailureType() {
    LocalProcessRuntime runtime = runtime(2);
    assertThatThrownBy(() -> runtime.scale("nobody", 2))
        .isInstanceOfSatisfying(
            ComponentRuntimeException.class,
            e -> assertThat(e.type()).isEqualTo(ActivityPresets.COMPONENT_NOT_DEPLOYED));
    ComponentManifest missing =
        new ComponentManifest(
            "ghost", List.of("/nonexistent/flotilla-binary"), null, null, 1, null, null);
    assertThatThrownBy(() -> runtime.ensure(missing))
        .isInstanceOfSatisfying(
            ComponentRuntimeException.class,
            e -> assertThat(e.type()).isEqualTo(ActivityPresets.COMPONENT_LAUNCH_FAILED));
    ComponentManifest unsetSecret =
        new ComponentManifest(
            "vault",
            TinyHttpService.command(),
            null,
            Map.of("TOKEN", "env:NOT_SET_HERE"),
            1,
            null,
            null);
    assertThatThrownBy(() -> runtime.ensure(unsetSecret))
        .isInstanceOfSatisfying(
            ComponentRuntimeException.class,
            e -> assertThat(e.type()).isEqualTo(ActivityPresets.COMPONENT_LAUNCH_FAILED))
        .hasMessageContaining("secret env:NOT_SET_HERE is not set");
    assertThat(runtime.deployed()).isEmpty();
  }

  /** A bounded poll: processes take a JVM start to answer. */
  static HealthReport awaitHealthy(ComponentRuntime runtime, String component) {
    return awaitReport(runtime, component, HealthReport::healthy);
  }

  static HealthReport awaitReport(
      ComponentRuntime runtime,
      String component,
      java.util.function.Predicate<HealthReport> condition) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    HealthReport report = runtime.probe(component);
    while (!condition.test(report) && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      report = runtime.probe(component);
    }
    assertThat(condition.test(report)).as("component %s: %s", component, report).isTrue();
    return report;
  }
}
