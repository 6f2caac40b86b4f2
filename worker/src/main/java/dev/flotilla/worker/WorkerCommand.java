package dev.flotilla.worker;

import dev.flotilla.cli.ConnectionOptions;
import dev.flotilla.cli.ExitCode;
import dev.flotilla.common.TaskQueues;
import dev.flotilla.settings.FlotillaSettings;
import dev.flotilla.settings.SecretRef;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "worker",
    description = "Run a worker process against a Temporal cluster until SIGINT or SIGTERM.")
public final class WorkerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin ProcessOptions process;

  @Override
  public Integer call() throws InterruptedException {
    FlotillaSettings settings = process.settings();
    ShutdownSignal signal = ShutdownSignal.install();
    try (WorkerProcess worker =
        WorkerProcess.start(
            connection.serviceOptions(),
            connection.clientOptions(),
            settings,
            WorkerProcess.DatabaseTarget.fromSettings(settings.database(), SecretRef.fromProcess()),
            process.identity(),
            null)) {
      var out = spec.commandLine().getOut();
      out.printf(
          "worker %s polling %s on %s (namespace %s)%n",
          process.identity(),
          TaskQueues.all(),
          worker.temporal().address(),
          worker.temporal().namespace());
      out.printf(
          "metrics http://127.0.0.1:%d/metrics  health /health  ready /ready%n", worker.opsPort());
      out.println("ready");
      out.flush();
      String received = signal.await();
      out.printf("%s received; draining%n", received);
      out.flush();
    }
    return ExitCode.OK;
  }
}
