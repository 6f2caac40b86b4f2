package dev.flotilla.worker;

import dev.flotilla.cli.CliFailure;
import dev.flotilla.cli.ExitCode;
import dev.flotilla.cli.OutputOptions;
import dev.flotilla.settings.FlotillaSettings;
import dev.flotilla.settings.SettingsLoader;
import dev.flotilla.store.FlotillaDatabase;
import dev.flotilla.worker.bench.BenchRunner;
import dev.flotilla.worker.bench.CicdWorkload;
import dev.flotilla.worker.bench.CycleWorkload;
import dev.flotilla.worker.bench.HelloWorkload;
import dev.flotilla.worker.bench.SyncWorkload;
import dev.flotilla.worker.bench.Workload;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    description = {
      "Benchmark a workload against a plain-SDK twin, on the embedded stack.",
      "Both sides run in alternating rounds in this process. Workloads: hello, cycle, sync, cicd"
    })
public final class BenchCommand implements Callable<Integer> {
  List<Workload> workloads() {
    return List.of(
        new HelloWorkload(),
        new CycleWorkload(resources),
        new SyncWorkload(records),
        new CicdWorkload(corpus));
  }

  @Option(
      names = "--corpus",
      defaultValue = "activities/src/test/resources/cicd-corpus",
      paramLabel = "DIR",
      description =
          "a directory of repository layouts, for the cicd workload (default: ${DEFAULT-VALUE})")
  java.nio.file.Path corpus;

  @Option(
      names = "--resources",
      defaultValue = "10000",
      description =
          "sample resources per cycle, for the cycle workload (default: ${DEFAULT-VALUE})")
  int resources;

  @Option(
      names = "--records",
      defaultValue = "100000",
      description =
          "source records per sync job, for the sync workload (default: ${DEFAULT-VALUE})")
  int records;

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "WORKLOAD")
  String workloadName;

  @Option(
      names = "--n",
      description = "units of work per round (default: 200; 1 for sync, whose unit is a job)")
  Integer units;

  @Option(
      names = "--concurrency",
      defaultValue = "16",
      description = "units in flight at once (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(
      names = "--rounds",
      defaultValue = "5",
      description = "measured rounds per side (default: ${DEFAULT-VALUE})")
  int rounds;

  @Override
  public Integer call() throws Exception {
    Workload workload =
        workloads().stream()
            .filter(w -> w.name().equals(workloadName))
            .findFirst()
            .orElseThrow(
                () ->
                    CliFailure.usage(
                        "unknown workload '"
                            + workloadName
                            + "'; known: "
                            + workloads().stream()
                                .map(Workload::name)
                                .collect(Collectors.joining(", "))));
    if (workload instanceof CicdWorkload cicd && cicd.repositories() == 0) {
      throw CliFailure.usage(
          "no repository layouts under "
              + corpus.toAbsolutePath()
              + "; run from the source tree or pass --corpus DIR");
    }
    if (units == null) {
      units = workload.defaultUnits();
    }
    if (units < 1 || concurrency < 1 || rounds < 1) {
      throw CliFailure.usage("--n, --concurrency and --rounds must each be 1 or more");
    }
    PrintWriter out = spec.commandLine().getOut();
    // The worker tuning comes from flotilla.yaml and FLOTILLA_* like a real worker's; only the
    // ops port is left to the system so a bench never collides with a running worker.
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.put("FLOTILLA_WORKER_HTTP_PORT", "0");
    environment.put("FLOTILLA_SAMPLE_RESOURCES", String.valueOf(resources));
    FlotillaSettings benchSettings = workload.adjust(new SettingsLoader(environment).load(null));
    int inFlight = Math.min(concurrency, workload.maxConcurrency());
    try (DevStack stack = DevStack.start(0, 0, null, workload.needsDatabase());
        FlotillaDatabase baselineDatabase =
            workload.needsDatabase()
                ? FlotillaDatabase.connect(stack.jdbcUrl(), stack.databaseUser(), null, 20)
                : null;
        WorkerProcess flotilla =
            WorkerProcess.start(
                stack.serviceOptions(),
                stack.clientOptions(),
                benchSettings,
                workload.needsDatabase()
                    ? new WorkerProcess.DatabaseTarget(stack.jdbcUrl(), stack.databaseUser(), null)
                    : null,
                "bench-flotilla",
                null)) {
      WorkflowServiceStubs bareStubs = WorkflowServiceStubs.newServiceStubs(stack.serviceOptions());
      WorkflowClient bareClient = WorkflowClient.newInstance(bareStubs, stack.clientOptions());
      WorkerFactory bareFactory = WorkerFactory.newInstance(bareClient);
      workload.registerBaseline(
          bareFactory, baselineDatabase == null ? null : baselineDatabase.dataSource());
      bareFactory.start();
      try {
        if (!output.json()) {
          out.printf(
              "bench %s: %d units/round of %d items, concurrency %d, %d rounds per side, JDK %s,"
                  + " virtual threads %s%n",
              workload.name(),
              units,
              workload.itemsPerUnit(),
              inFlight,
              rounds,
              Runtime.version(),
              benchSettings.worker().virtualThreads());
          out.printf(
              "%-9s %5s %9s %10s %11s %9s %9s %10s %10s%n",
              "side",
              "round",
              "seconds",
              "units/s",
              "items/s",
              "p50 ms",
              "p99 ms",
              "maxEvents",
              "heap MB");
          out.flush();
        }
        BenchRunner.Summary summary =
            new BenchRunner(workload, flotilla.temporal().client(), bareClient, units, inFlight)
                .run(
                    rounds,
                    round -> {
                      if (!output.json()) {
                        printRound(out, round, workload.itemsPerUnit());
                      }
                    });
        if (output.json()) {
          OutputOptions.printJson(out, summary);
        } else {
          out.println("medians:");
          printRound(out, summary.flotillaMedian(), workload.itemsPerUnit());
          printRound(out, summary.baselineMedian(), workload.itemsPerUnit());
          out.printf(
              "ratio flotilla/baseline: throughput %.3f, p50 latency %.3f%n",
              summary.throughputRatio(), summary.p50Ratio());
          workload.notes().forEach(out::println);
        }
        out.flush();
      } finally {
        bareFactory.shutdown();
        bareFactory.awaitTermination(10, TimeUnit.SECONDS);
        bareStubs.shutdownNow();
      }
    }
    return ExitCode.OK;
  }

  private static void printRound(PrintWriter out, BenchRunner.Round round, int itemsPerUnit) {
    out.printf(
        "%-9s %5s %9.2f %10.2f %11.1f %9.1f %9.1f %10d %10.1f%n",
        round.side(),
        round.round() < 0 ? "med" : String.valueOf(round.round()),
        round.seconds(),
        round.throughputPerSecond(),
        round.throughputPerSecond() * itemsPerUnit,
        round.p50Millis(),
        round.p99Millis(),
        round.maxHistoryEvents(),
        round.heapAfterGcBytes() / 1048576.0);
    out.flush();
  }
}
