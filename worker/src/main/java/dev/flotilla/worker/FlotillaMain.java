package dev.flotilla.worker;

import dev.flotilla.cli.FlotillaCli;
import java.util.Arrays;

/** The distribution's entry point: the flotilla CLI plus the commands that run processes. */
public final class FlotillaMain {
  private FlotillaMain() {}

  public static void main(String[] args) {
    chooseLogFormat(args);
    int exitCode =
        FlotillaCli.commandLine(
                new DevCommand(), new WorkerCommand(), new DemoCommand(), new BenchCommand())
            .execute(args);
    System.exit(exitCode);
  }

  /**
   * Human-readable logs unless asked for JSON ({@code --log-json} or FLOTILLA_LOG_FORMAT=json).
   * Decided before the first logger exists, which is why it is not a picocli option.
   */
  static void chooseLogFormat(String[] args) {
    boolean json =
        Arrays.asList(args).contains("--log-json")
            || "json".equalsIgnoreCase(System.getenv("FLOTILLA_LOG_FORMAT"));
    if (json && System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
  }
}
