package dev.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad settings file stops a process before it starts anything, with the key named. */
class ConfigErrorsTest {

  @Test
  void unknownKeyStopsTheWorkerBeforeItConnects(@TempDir Path dir) throws Exception {
    Path config =
        Files.writeString(dir.resolve("flotilla.yaml"), "worker:\n  maxConcurentActivities: 5\n");
    CliRun run =
        CliRun.of(
            "worker",
            "--config",
            config.toString(),
            "--address",
            "127.0.0.1:" + DevStack.freePort());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .doesNotContain("\n")
        .contains("unknown key 'worker.maxConcurentActivities'");
  }

  @Test
  void badFlagValueIsNamedLikeTheSettingItOverrides() {
    CliRun run = CliRun.of("dev", "--max-concurrent-activities", "0", "--temporal-port", "0");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("worker.maxConcurrentActivities");
  }

  @Test
  void unreachableDatabaseIsNamedAndExits3(@TempDir Path dir) {
    try (DevStack temporal = DevStack.start(0, 0, null, false)) {
      int closedPort = DevStack.freePort();
      CliRun run =
          CliRun.of(
              "worker",
              "--address",
              temporal.temporalAddress(),
              "--http-port",
              "0",
              "--config",
              writeConfig(
                  dir,
                  "database:\n  url: jdbc:postgresql://127.0.0.1:"
                      + closedPort
                      + "/flotilla?password=hunter2\n"));
      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.err().strip())
          .doesNotContain("\n")
          .contains(
              "cannot use Flotilla's database at jdbc:postgresql://127.0.0.1:"
                  + closedPort
                  + "/flotilla")
          .doesNotContain("hunter2");
    }
  }

  private static String writeConfig(Path dir, String yaml) {
    try {
      return Files.writeString(dir.resolve("db.yaml"), yaml).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
