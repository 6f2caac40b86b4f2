package dev.flotilla.cli;

import dev.flotilla.events.EventEntry;
import dev.flotilla.events.EventFeedWorkflow;
import dev.flotilla.events.EventPage;
import dev.flotilla.events.EventQuery;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flotilla events [--follow]}: the event log (workflow.*, component.*, system.overload) from
 * the audit table. The CLI reaches only Temporal, so each read is a short {@code EventFeed}
 * workflow whose activity queries the table; {@code --follow} repeats the read from the last ID.
 */
@Command(
    name = "events",
    description = "Show the event log, oldest first; --follow keeps printing new events.")
public final class EventsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Option(
      names = {"-f", "--follow"},
      description = "keep reading new events until Ctrl-C")
  boolean follow;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description = "an event type, or a prefix ending in '.' (component.); repeat for more")
  List<String> types;

  @Option(names = "--after", paramLabel = "ID", description = "only events after this ID")
  Long after;

  @Option(names = "--limit", paramLabel = "N", description = "events per read (default 100)")
  Integer limit;

  @Option(
      names = "--interval",
      paramLabel = "SECONDS",
      description = "with --follow, seconds between reads (default 2)")
  int intervalSeconds = 2;

  @Override
  public Integer call() throws InterruptedException {
    EventQuery query = new EventQuery(after, types, limit);
    CliFailure.requireValid(query::validate);
    if (intervalSeconds < 1) {
      throw CliFailure.usage("--interval must be 1 second or more");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (TemporalConnection temporal = connection.open()) {
      while (true) {
        EventPage page =
            temporal
                .client()
                .newWorkflowStub(
                    EventFeedWorkflow.class,
                    ComponentCommands.readOptions(query.workflowId(), "events"))
                .read(query);
        page.events().forEach(event -> print(out, event));
        out.flush();
        boolean full = page.events().size() == query.limit();
        query = new EventQuery(page.lastId(), query.types(), query.limit());
        if (!follow && !full) {
          return ExitCode.OK;
        }
        if (!full) {
          Thread.sleep(Duration.ofSeconds(intervalSeconds));
        }
      }
    }
  }

  private void print(PrintWriter out, EventEntry event) {
    if (output.json()) {
      OutputOptions.printJson(out, event);
      return;
    }
    out.printf(
        "%6d  %s  %-27s %s  %s%s%n",
        event.id(),
        event.recordedAt().toString().replaceFirst("\\.\\d+Z$", "Z"),
        event.eventType(),
        event.workflowId(),
        event.item().isEmpty() ? "" : event.item() + "  ",
        event.details());
  }
}
