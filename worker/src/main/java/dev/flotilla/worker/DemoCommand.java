package dev.flotilla.worker;

import dev.flotilla.cli.ExitCode;
import dev.flotilla.settings.FlotillaSettings;
import dev.flotilla.worker.demo.CicdDemo;
import dev.flotilla.worker.demo.ComponentsDemo;
import dev.flotilla.worker.demo.DemoScenario;
import dev.flotilla.worker.demo.HelloDemo;
import dev.flotilla.worker.demo.OptimizationDemo;
import dev.flotilla.worker.demo.SyncDemo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    description = {
      "Run every Flotilla workflow end to end on sample data, on an embedded stack.",
      "Sends the signals a person would, prints what happened, and exits."
    })
public final class DemoCommand implements Callable<Integer> {
  /** Every workflow's demo, in the order a newcomer would want to see them. */
  static List<DemoScenario> scenarios() {
    return List.of(
        new HelloDemo(),
        new OptimizationDemo(),
        new SyncDemo(),
        new CicdDemo(),
        new ComponentsDemo());
  }

  @Spec CommandSpec spec;
  @Mixin ProcessOptions process;

  @Option(
      names = "--keep-running",
      description = "after the demo, keep the stack up (printing its address) until Ctrl-C")
  boolean keepRunning;

  @Option(names = "--temporal-port", paramLabel = "PORT", description = "(default: a free port)")
  int temporalPort;

  @Override
  public Integer call() throws Exception {
    if (process.httpPort == null) {
      process.httpPort = 0;
    }
    FlotillaSettings loaded = process.settings();
    // The demo plays the approver, so its scope gets one on top of whatever the settings name.
    FlotillaSettings settings = loaded.withApprovers(OptimizationDemo.approvers());
    PrintWriter out = spec.commandLine().getOut();
    ShutdownSignal signal = keepRunning ? ShutdownSignal.install() : null;
    boolean allSucceeded = true;
    try (DevStack stack = DevStack.start(temporalPort, 0, null, true);
        WorkerProcess worker =
            WorkerProcess.start(
                stack.serviceOptions(),
                stack.clientOptions(),
                settings,
                new WorkerProcess.DatabaseTarget(stack.jdbcUrl(), stack.databaseUser(), null),
                process.identity(),
                null)) {
      out.printf(
          "embedded stack up: temporal %s, postgres %s%n%n",
          stack.temporalAddress(), stack.jdbcUrl());
      for (DemoScenario scenario : scenarios()) {
        long started = System.nanoTime();
        DemoScenario.Report report;
        try {
          report = scenario.run(worker.temporal().client());
        } catch (Exception e) {
          report = new DemoScenario.Report(false, List.of("failed    " + e.getMessage()));
        }
        allSucceeded &= report.succeeded();
        out.printf(
            "== %s: %s in %d ms%n",
            scenario.name(),
            report.succeeded() ? "ok" : "FAILED",
            (System.nanoTime() - started) / 1_000_000);
        report.lines().forEach(line -> out.println("   " + line));
        out.println();
        out.flush();
      }
      if (keepRunning) {
        out.printf(
            "stack stays up at %s (use --address %s); Ctrl-C to stop%n",
            stack.temporalAddress(), stack.temporalAddress());
        out.flush();
        signal.await();
      }
    }
    out.println(
        allSucceeded
            ? "demo finished: every workflow did what it should"
            : "demo finished with failures");
    out.flush();
    return allSucceeded ? ExitCode.OK : ExitCode.WORKFLOW_FAILED_OR_NOT_FOUND;
  }
}
