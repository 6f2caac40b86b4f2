package dev.flotilla.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.common.Failures;
import dev.flotilla.common.WorkflowCatalog;
import dev.flotilla.sync.PhaseRun;
import dev.flotilla.sync.PhaseStatus;
import dev.flotilla.sync.Rollback;
import dev.flotilla.sync.SyncJobWorkflow;
import dev.flotilla.sync.SyncOptions;
import dev.flotilla.sync.SyncOutcome;
import dev.flotilla.sync.SyncPhase;
import dev.flotilla.sync.SyncProgress;
import dev.flotilla.sync.SyncRequest;
import dev.flotilla.sync.SyncStats;
import dev.flotilla.sync.SyncStatsRequest;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flotilla sync}: start a sync job, show one, and show the phase statistics of all. */
@Command(
    name = "sync",
    description = "Seven-phase sync jobs: start one, describe one, or show phase statistics.",
    subcommands = {SyncCommand.Start.class, SyncCommand.Describe.class, SyncCommand.Stats.class})
public final class SyncCommand implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long {@code stats} waits for a worker to read the views. */
  static final Duration STATS_TIMEOUT = Duration.ofSeconds(60);

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "start",
      description = "Start a sync job as workflow sync/<user>/<sync-id>.",
      sortOptions = false)
  static final class Start implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;
    @Mixin OutputOptions output;

    @Option(names = "--user", required = true, description = "who starts the job and is told")
    String user;

    @Option(names = "--sync-id", required = true, description = "the job's name, unique per user")
    String syncId;

    @Option(
        names = "--source",
        required = true,
        paramLabel = "DIR|URL|inventory[:SCOPE]",
        description =
            "a directory of JSON/CSV files, an http(s):// JSON API with cursor pagination, or"
                + " inventory (the latest optimization cycle's resources)")
    String source;

    @Option(
        names = "--sink-table",
        defaultValue = "sync_records",
        description = "PostgreSQL table with record_key and data jsonb (default: ${DEFAULT-VALUE})")
    String sinkTable;

    @Option(
        names = "--sink-database",
        paramLabel = "env:NAME|file:PATH",
        description =
            "the sink table's database, as a secret reference to a jdbc:postgresql:// URL that the"
                + " worker resolves (default: Flotilla's own database)")
    String sinkDatabase;

    @Option(names = "--key-field", description = "the source field that keys a record (id)")
    String keyField;

    @Option(
        names = "--mapping",
        required = true,
        paramLabel = "JSON|@FILE",
        description =
            "source field to target field, e.g. '{\"amount\": \"amount_usd:number\"}', or @file")
    String mapping;

    @Option(names = "--max-error-rate", description = "share of records VALIDATE may quarantine")
    Double maxErrorRate;

    @Option(names = "--rollback", description = "what a failure undoes: none, previous or all")
    String rollback;

    @Option(names = "--retry-from-phase", description = "re-run the previous phase once first")
    boolean retryFromPhase;

    @Option(
        names = "--sla",
        paramLabel = "PHASE=SECONDS",
        description = "override a phase's SLA, e.g. --sla extract=120; repeat for more")
    Map<String, Long> sla;

    @Option(
        names = "--fault-at",
        paramLabel = "PHASE",
        description = "tests and demos only: make transform, validate, stage or commit fail")
    String faultAt;

    @Option(names = "--wait", description = "wait for the job to end and print its counts")
    boolean wait;

    @Override
    public Integer call() {
      SyncRequest request =
          new SyncRequest(
              user,
              syncId,
              source,
              sinkTable,
              sinkDatabase,
              keyField,
              parseMapping(mapping),
              new SyncOptions(
                  maxErrorRate,
                  rollback == null ? null : parseEnum(Rollback.class, "--rollback", rollback),
                  retryFromPhase,
                  slaSeconds(sla),
                  faultAt == null ? null : parseEnum(SyncPhase.class, "--fault-at", faultAt)));
      CliFailure.requireValid(request::validate);
      PrintWriter out = spec.commandLine().getOut();
      try (TemporalConnection temporal = connection.open()) {
        StartCommand.StartedWorkflow started =
            StartCommand.start(temporal, WorkflowCatalog.get("sync"), request);
        if (!wait) {
          if (output.json()) {
            OutputOptions.printJson(out, started);
          } else {
            out.printf("started sync %s  runId=%s%n", started.workflowId(), started.runId());
          }
          return ExitCode.OK;
        }
        try {
          SyncOutcome outcome =
              temporal
                  .client()
                  .newUntypedWorkflowStub(started.workflowId())
                  .getResult(SyncOutcome.class);
          if (output.json()) {
            OutputOptions.printJson(out, outcome);
          } else {
            out.printf("completed sync %s%n%s%n", started.workflowId(), counts(outcome));
          }
          return ExitCode.OK;
        } catch (WorkflowFailedException e) {
          spec.commandLine()
              .getErr()
              .printf(
                  "flotilla: sync %s failed: %s (flotilla sync describe %s)%n",
                  started.workflowId(), Describer.failureMessage(e), started.workflowId());
          return ExitCode.WORKFLOW_FAILED_OR_NOT_FOUND;
        }
      }
    }

    private static Map<String, String> parseMapping(String text) {
      String json = text;
      if (text.startsWith("@")) {
        Path file = Path.of(text.substring(1));
        try {
          json = Files.readString(file);
        } catch (IOException e) {
          throw CliFailure.usage(
              "cannot read mapping file " + file + ": " + e.getClass().getSimpleName());
        }
      }
      try {
        Map<String, String> parsed = JSON.readValue(json, new TypeReference<>() {});
        if (parsed == null) {
          throw CliFailure.usage("--mapping is empty; pass a JSON object of source to target");
        }
        return parsed;
      } catch (JsonProcessingException e) {
        throw CliFailure.usage(
            "--mapping is not a JSON object of field names (source to target): "
                + e.getOriginalMessage().lines().findFirst().orElse(""));
      }
    }

    private static Map<SyncPhase, Long> slaSeconds(Map<String, Long> sla) {
      Map<SyncPhase, Long> seconds = new EnumMap<>(SyncPhase.class);
      if (sla != null) {
        sla.forEach(
            (phase, value) -> seconds.put(parseEnum(SyncPhase.class, "--sla", phase), value));
      }
      return seconds;
    }
  }

  @Command(
      name = "describe",
      description =
          "Show a sync job: its phases with status, duration and SLA, the rollback, the counts.")
  static final class Describe implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;
    @Mixin OutputOptions output;

    @Parameters(
        index = "0",
        paramLabel = "SYNC",
        description = "sync/<user>/<sync-id> or <user>/<sync-id>")
    String id;

    /** What {@code --output json} prints. */
    record SyncView(Describer.WorkflowView workflow, SyncProgress progress) {}

    @Override
    public Integer call() {
      String workflowId = id.startsWith("sync/") ? id : "sync/" + id;
      SyncView view;
      try (TemporalConnection temporal = connection.open()) {
        Describer.WorkflowView workflow = Describer.describe(temporal, workflowId, null);
        if (!workflow.type().equals(SyncJobWorkflow.TYPE)) {
          throw CliFailure.usage(
              workflowId + " is a " + workflow.type() + " workflow, not a sync job");
        }
        SyncProgress progress =
            temporal
                .client()
                .newWorkflowStub(SyncJobWorkflow.class, workflow.workflowId())
                .progress();
        view = new SyncView(workflow, progress);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (output.json()) {
        OutputOptions.printJson(out, view);
      } else {
        print(out, view);
      }
      return Describer.succeeded(view.workflow().status())
          ? ExitCode.OK
          : ExitCode.WORKFLOW_FAILED_OR_NOT_FOUND;
    }

    static void print(PrintWriter out, SyncView view) {
      Describer.WorkflowView workflow = view.workflow();
      SyncProgress progress = view.progress();
      out.printf("Sync       %s%n", workflow.workflowId());
      out.printf("Run        %s%n", workflow.runId());
      out.printf("Status     %s%n", workflow.status());
      out.printf("Started    %s%n", workflow.started());
      if (workflow.closed() != null) {
        out.printf("Closed     %s%n", workflow.closed());
      }
      out.printf("%n%-10s %-12s %10s %9s  %s%n", "PHASE", "STATUS", "DURATION", "SLA", "NOTE");
      List<PhaseRun> runs = progress.phases();
      for (int i = 0; i < runs.size(); i++) {
        PhaseRun run = runs.get(i);
        boolean ended = run.status() != PhaseStatus.STARTED || endsLater(runs, i);
        if (run.status() == PhaseStatus.STARTED && ended) {
          continue;
        }
        String note =
            run.slaOverrun()
                ? "over SLA by " + millis(run.durationMs() - run.slaMs())
                : run.error() == null ? "" : run.error();
        out.printf(
            "%-10s %-12s %10s %9s  %s%n",
            run.phase().name().toLowerCase(Locale.ROOT),
            run.status() == PhaseStatus.STARTED
                ? "running"
                : run.status().name().toLowerCase(Locale.ROOT),
            run.durationMs() == null ? "" : millis(run.durationMs()),
            run.status() == PhaseStatus.ROLLED_BACK ? "" : millis(run.slaMs()),
            note);
      }
      SyncProgress.Counts counts = progress.counts();
      out.printf(
          "%nRecords    %d extracted, %d transformed, %d quarantined, %d staged, %d committed%n",
          counts.extracted(),
          counts.transformed(),
          counts.quarantined(),
          counts.staged(),
          counts.committed());
      out.printf(
          "SLA        %s%n",
          progress.slaOverruns().isEmpty()
              ? "every phase within its SLA"
              : "over: " + names(progress.slaOverruns()));
      if (progress.failedPhase() != null) {
        out.printf("Failed at  %s%n", progress.failedPhase().name().toLowerCase(Locale.ROOT));
        out.printf(
            "Rollback   %s%n",
            progress.rolledBack().isEmpty()
                ? "nothing undone"
                : names(progress.rolledBack()) + " undone, in that order");
      }
      if (workflow.failure() != null) {
        out.printf("Failure    %s%n", workflow.failure());
      }
    }

    private static boolean endsLater(List<PhaseRun> runs, int started) {
      SyncPhase phase = runs.get(started).phase();
      return runs.subList(started + 1, runs.size()).stream()
          .anyMatch(r -> r.phase() == phase && r.status() != PhaseStatus.STARTED);
    }
  }

  @Command(
      name = "stats",
      description =
          "Phase analytics (runs, failures, average and p95 durations) and SLA violations.")
  static final class Stats implements Callable<Integer> {
    private static final Pattern SINCE = Pattern.compile("(\\d+)([dhm])");

    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;
    @Mixin OutputOptions output;

    @Option(
        names = "--since",
        paramLabel = "AGE",
        description = "only transitions in the last AGE: 7d, 12h or 30m (default: all)")
    String since;

    @Option(
        names = "--limit",
        defaultValue = "20",
        description = "SLA violations to list, newest first (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
      SyncStatsRequest request =
          new SyncStatsRequest(UUID.randomUUID().toString(), sinceInstant(since), limit);
      CliFailure.requireValid(request::validate);
      SyncStats stats;
      try (TemporalConnection temporal = connection.open()) {
        StartCommand.StartedWorkflow started =
            StartCommand.start(temporal, WorkflowCatalog.get("sync-stats"), request);
        WorkflowStub stub = temporal.client().newUntypedWorkflowStub(started.workflowId());
        try {
          stats = stub.getResult(STATS_TIMEOUT.toSeconds(), TimeUnit.SECONDS, SyncStats.class);
        } catch (TimeoutException e) {
          stub.terminate("no worker read the statistics in time");
          throw CliFailure.unavailable(
              "no worker read the sync statistics within "
                  + STATS_TIMEOUT.toSeconds()
                  + " s: is a worker with Flotilla's database running?");
        } catch (WorkflowException e) {
          throw CliFailure.notFound(
              "reading the sync statistics failed: " + Failures.rootMessage(e));
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      if (output.json()) {
        OutputOptions.printJson(out, stats);
      } else {
        print(out, stats);
      }
      return ExitCode.OK;
    }

    static Instant sinceInstant(String since) {
      if (since == null) {
        return null;
      }
      Matcher age = SINCE.matcher(since);
      if (!age.matches()) {
        throw CliFailure.usage(
            "--since must be an age such as 7d, 12h or 30m, was '" + since + "'");
      }
      ChronoUnit unit =
          switch (age.group(2)) {
            case "d" -> ChronoUnit.DAYS;
            case "h" -> ChronoUnit.HOURS;
            default -> ChronoUnit.MINUTES;
          };
      return Instant.now().minus(Duration.of(Long.parseLong(age.group(1)), unit));
    }

    static void print(PrintWriter out, SyncStats stats) {
      out.printf(
          "Phase analytics%s%n",
          stats.since() == null
              ? " (all time)"
              : " since " + stats.since().truncatedTo(ChronoUnit.SECONDS));
      if (stats.phases().isEmpty()) {
        out.println("no sync phases logged");
      } else {
        out.printf(
            "%-10s %6s %9s %6s %11s %9s %9s%n",
            "PHASE", "RUNS", "COMPLETED", "FAILED", "ROLLED_BACK", "AVG", "P95");
        for (SyncStats.PhaseAnalytics phase : stats.phases()) {
          out.printf(
              "%-10s %6d %9d %6d %11d %9s %9s%n",
              phase.phaseName(),
              phase.total(),
              phase.completed(),
              phase.failed(),
              phase.rolledBack(),
              phase.avgDurationMs() == null ? "-" : millis(phase.avgDurationMs()),
              phase.p95DurationMs() == null ? "-" : millis(phase.p95DurationMs()));
        }
      }
      out.printf("%nSLA violations: %d%n", stats.violationCount());
      for (SyncStats.SlaViolation violation : stats.violations()) {
        out.printf(
            "%-20s %-10s %-9s took %s, SLA %s (over by %s)  %s%n",
            violation.at().truncatedTo(ChronoUnit.SECONDS),
            violation.phaseName(),
            violation.status(),
            millis(violation.durationMs()),
            millis(violation.slaMs()),
            millis(violation.overByMs()),
            violation.workflowId());
      }
      if (stats.violationCount() > stats.violations().size()) {
        out.printf(
            "(%d more; --limit N shows more)%n",
            stats.violationCount() - stats.violations().size());
      }
    }
  }

  static String counts(SyncOutcome outcome) {
    return String.format(
        "records: %d extracted, %d transformed, %d quarantined, %d staged, %d committed",
        outcome.extracted(),
        outcome.transformed(),
        outcome.quarantined(),
        outcome.staged(),
        outcome.committed());
  }

  /** 850 ms, 12.3 s: readable at a glance. */
  static String millis(long ms) {
    return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private static String names(List<SyncPhase> phases) {
    return phases.stream()
        .map(p -> p.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }

  static <E extends Enum<E>> E parseEnum(Class<E> type, String option, String value) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage(
          option
              + " '"
              + value
              + "' is not one of "
              + java.util.Arrays.stream(type.getEnumConstants())
                  .map(c -> c.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", ")));
    }
  }
}
