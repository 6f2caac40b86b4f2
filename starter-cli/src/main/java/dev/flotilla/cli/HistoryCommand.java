package dev.flotilla.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "history",
    description = "Print a workflow's event history; --json exports it for replay tests.")
public final class HistoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "WORKFLOW_ID")
  String workflowId;

  @Option(names = "--run-id", description = "a specific run (default: the latest)")
  String runId;

  @Option(names = "--json", description = "the history as Temporal's JSON (same as --output json)")
  boolean json;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "write to this file instead of stdout")
  Path file;

  @Override
  public Integer call() {
    try (TemporalConnection temporal = connection.open()) {
      WorkflowExecutionHistory history;
      try {
        history = temporal.client().fetchHistory(workflowId, runId);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
          throw CliFailure.notFound("no workflow with ID '" + workflowId + "'");
        }
        throw e;
      } catch (io.temporal.client.WorkflowNotFoundException e) {
        throw CliFailure.notFound("no workflow with ID '" + workflowId + "'");
      }
      String text = json || output.json() ? history.toJson(true) : summary(history);
      if (file != null) {
        try {
          Files.writeString(file, text);
        } catch (IOException e) {
          throw CliFailure.usage("cannot write " + file + ": " + e.getClass().getSimpleName());
        }
        spec.commandLine()
            .getOut()
            .printf("wrote %d events to %s%n", history.getEvents().size(), file);
      } else {
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
      }
      return ExitCode.OK;
    }
  }

  private static String summary(WorkflowExecutionHistory history) {
    StringBuilder text = new StringBuilder();
    for (HistoryEvent event : history.getEvents()) {
      text.append(
          String.format(
              "%5d  %s  %s%n",
              event.getEventId(),
              Describer.instant(event.getEventTime()),
              event.getEventType().name().replace("EVENT_TYPE_", "")));
    }
    return text.toString();
  }
}
