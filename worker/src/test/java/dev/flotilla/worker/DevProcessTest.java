package dev.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flotilla dev} as its own process: it says ready, a second one on the same port is refused
 * with a clear line, and SIGTERM drains and exits 0.
 */
class DevProcessTest {

  @Test
  void devSaysReadyRefusesASecondOnTheSamePortAndStopsCleanlyOnSigterm(@TempDir Path dataDir)
      throws Exception {
    int temporalPort = DevStack.freePort();
    int postgresPort = DevStack.freePort();
    String java = ProcessHandle.current().info().command().orElse("java");
    Process dev =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                FlotillaMain.class.getName(),
                "dev",
                "--temporal-port",
                String.valueOf(temporalPort),
                "--postgres-port",
                String.valueOf(postgresPort),
                "--data-dir",
                dataDir.toString(),
                "--http-port",
                "0",
                "--shutdown-grace",
                "10")
            .redirectErrorStream(true)
            .start();
    List<String> lines = new ArrayList<>();
    BufferedReader output =
        new BufferedReader(new InputStreamReader(dev.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Boolean> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line; (line = output.readLine()) != null; ) {
                  synchronized (lines) {
                    lines.add(line);
                  }
                  if (line.equals("ready")) {
                    return true;
                  }
                }
                return false;
              } catch (java.io.IOException e) {
                return false;
              }
            });
    try {
      assertThat(ready.get(90, TimeUnit.SECONDS)).as("dev output: %s", lines).isTrue();
      assertThat(lines).anyMatch(l -> l.startsWith("temporal   127.0.0.1:" + temporalPort));

      CliRun second =
          CliRun.of("dev", "--temporal-port", String.valueOf(temporalPort), "--http-port", "0");
      assertThat(second.exitCode()).isEqualTo(3);
      assertThat(second.err().strip())
          .doesNotContain("\n")
          .contains("port " + temporalPort + " is already in use");

      CliRun hello =
          CliRun.of(
              "start",
              "hello",
              "--input",
              "{\"name\":\"dev\"}",
              "--wait",
              "--address",
              "127.0.0.1:" + temporalPort);
      assertThat(hello.exitCode()).as(hello.err()).isZero();

      dev.toHandle().destroy(); // SIGTERM, leaving our end of its output open
      assertThat(dev.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(dev.exitValue()).isZero();
      List<String> rest = output.lines().toList();
      assertThat(rest).anyMatch(l -> l.contains("SIGTERM received")).contains("stopped");
      assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();
    } finally {
      dev.destroyForcibly();
    }
  }
}
