package dev.flotilla.worker;

import dev.flotilla.cli.CliFailure;
import dev.flotilla.cli.FlotillaCli;
import dev.flotilla.settings.SettingsException;
import java.util.Arrays;
import picocli.CommandLine;

/** The distribution's entry point: the flotilla CLI plus the commands that run processes. */
public final class FlotillaMain {
  private FlotillaMain() {}

  public static void main(String[] args) {
    chooseLogFormat(args);
    System.exit(commandLine().execute(args));
  }

  /** The whole flotilla command: the CLI's commands and the process commands of this module. */
  public static CommandLine commandLine() {
    CommandLine commandLine =
        FlotillaCli.commandLine(
            new DevCommand(), new WorkerCommand(), new DemoCommand(), new BenchCommand());
    CommandLine.IExecutionExceptionHandler cliHandler = commandLine.getExecutionExceptionHandler();
    commandLine.setExecutionExceptionHandler(
        (e, line, parseResult) ->
            cliHandler.handleExecutionException(asCliFailure(e), line, parseResult));
    return commandLine;
  }

  /** The process commands' own failures, as the one-line errors the CLI prints. */
  static Exception asCliFailure(Exception e) {
    if (e instanceof SettingsException) {
      return CliFailure.usage(e.getMessage());
    }
    if (e instanceof PortInUseException || e instanceof DependencyUnavailableException) {
      return CliFailure.unavailable(e.getMessage());
    }
    return e;
  }

  /**
   * Human-readable logs unless asked for JSON ({@code --log-json} or FLOTILLA_LOG_FORMAT=json).
   * Decided before the first logger exists, which is why it is read here and not by picocli.
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
