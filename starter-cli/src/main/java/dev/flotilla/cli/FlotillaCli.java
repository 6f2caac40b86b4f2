package dev.flotilla.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code flotilla} command. This module knows only the workflow contracts; the process commands
 * (dev, worker, demo, bench) are added by the distribution, which also holds the worker.
 */
@Command(
    name = "flotilla",
    mixinStandardHelpOptions = true,
    version = "flotilla 0.1.0",
    description = "Durable Temporal workers for platform, FinOps and DevOps jobs.",
    subcommands = {
      StartCommand.class,
      ListCommand.class,
      DescribeCommand.class,
      SignalCommand.class,
      DecisionCommand.Approve.class,
      DecisionCommand.Reject.class,
      CancelCommand.class,
      TerminateCommand.class,
      HistoryCommand.class,
      AlertsCommand.class,
      SyncCommand.class,
      ScheduleCommand.class,
      ComponentCommands.class,
      EventsCommand.class,
      BreakersCommand.class,
      CicdCommand.class,
      CompletionCommand.class
    })
public final class FlotillaCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  // Read before picocli runs (the log format must be chosen before the first logger exists);
  // declared here so every command accepts it.
  @CommandLine.Option(
      names = "--log-json",
      scope = CommandLine.ScopeType.INHERIT,
      description = "write logs as JSON lines (or set FLOTILLA_LOG_FORMAT=json)")
  boolean logJson;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The command line with Flotilla's error handling: one line, the right exit code. */
  public static CommandLine commandLine(Object... extraSubcommands) {
    CommandLine commandLine = new CommandLine(new FlotillaCli());
    for (Object subcommand : extraSubcommands) {
      commandLine.addSubcommand(subcommand);
    }
    commandLine.setExecutionExceptionHandler(FlotillaCli::handleExecutionException);
    commandLine.setParameterExceptionHandler(FlotillaCli::handleParameterException);
    return commandLine;
  }

  private static int handleExecutionException(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof CliFailure failure) {
      err.println("flotilla: " + failure.getMessage());
      err.flush();
      return failure.exitCode();
    }
    // The SDK wraps the server's refusal (a payload over its size limit, say) in its own
    // exception; the status is what tells the person what went wrong.
    io.grpc.StatusRuntimeException grpc = statusCause(e);
    if (grpc != null) {
      io.grpc.Status.Code code = grpc.getStatus().getCode();
      boolean unavailable =
          code == io.grpc.Status.Code.UNAVAILABLE || code == io.grpc.Status.Code.DEADLINE_EXCEEDED;
      String description = grpc.getStatus().getDescription();
      err.println(
          "flotilla: the Temporal server "
              + (unavailable ? "did not answer: " : "refused the call: ")
              + code
              + (description == null ? "" : " " + description));
      err.flush();
      return unavailable ? ExitCode.UNAVAILABLE : ExitCode.WORKFLOW_FAILED_OR_NOT_FOUND;
    }
    err.println(
        "flotilla: "
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage()
            + (System.getenv("FLOTILLA_DEBUG") == null
                ? " (FLOTILLA_DEBUG=1 shows the stack trace)"
                : ""));
    if (System.getenv("FLOTILLA_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCode.WORKFLOW_FAILED_OR_NOT_FOUND;
  }

  private static io.grpc.StatusRuntimeException statusCause(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof io.grpc.StatusRuntimeException status) {
        return status;
      }
    }
    return null;
  }

  private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println(
        "flotilla: "
            + e.getMessage().lines().findFirst().orElse("bad arguments")
            + " (see 'flotilla "
            + commandLine.getCommandSpec().qualifiedName(" ").replaceFirst("^flotilla ?", "")
            + (commandLine.getCommandSpec().qualifiedName().equals("flotilla") ? "" : " ")
            + "--help')");
    err.flush();
    return ExitCode.USAGE;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
