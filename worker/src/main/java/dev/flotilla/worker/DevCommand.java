package dev.flotilla.worker;

import dev.flotilla.cli.ExitCode;
import dev.flotilla.settings.FlotillaSettings;
import dev.flotilla.settings.SecretRef;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "dev",
    description = {
      "Run the embedded stack (Temporal test server, PostgreSQL, a worker) until Ctrl-C.",
      "Temporal's Java test server listens on a real port (real time, no time skipping) and",
      "other shells connect to it as to a real cluster."
    })
public final class DevCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ProcessOptions process;

  @Option(
      names = "--temporal-port",
      paramLabel = "PORT",
      description = "(default: dev.temporalPort, 7233)")
  Integer temporalPort;

  @Option(
      names = "--postgres-port",
      paramLabel = "PORT",
      description = "(default: dev.postgresPort, 54329)")
  Integer postgresPort;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "where PostgreSQL keeps its files (default: dev.dataDir, .flotilla/dev)")
  Path dataDir;

  @Override
  public Integer call() throws InterruptedException {
    FlotillaSettings settings = process.settings();
    FlotillaSettings.Dev dev = settings.dev();
    int port = temporalPort != null ? temporalPort : dev.temporalPort();
    int pgPort = postgresPort != null ? postgresPort : dev.postgresPort();
    Path data = dataDir != null ? dataDir : Path.of(dev.dataDir());
    ShutdownSignal signal = ShutdownSignal.install();
    var out = spec.commandLine().getOut();
    // A database.url in the settings is used as it is; only without one is PostgreSQL embedded.
    WorkerProcess.DatabaseTarget configured =
        WorkerProcess.DatabaseTarget.fromSettings(settings.database(), SecretRef.fromProcess());
    try (DevStack stack = DevStack.start(port, pgPort, data, configured == null)) {
      WorkerProcess.DatabaseTarget database =
          configured != null
              ? configured
              : new WorkerProcess.DatabaseTarget(stack.jdbcUrl(), stack.databaseUser(), null);
      try (WorkerProcess worker =
          WorkerProcess.start(
              stack.serviceOptions(),
              stack.clientOptions(),
              settings,
              database,
              process.identity(),
              null)) {
        out.printf(
            "temporal   %s (namespace %s; Java test server, no Web UI)%n",
            stack.temporalAddress(), DevStack.NAMESPACE);
        out.printf(
            "postgres   %s (user %s%s)%n",
            database.url().replaceFirst("\\?.*", ""),
            database.user(),
            configured != null ? ", from settings" : ", embedded");
        out.printf("metrics    http://127.0.0.1:%d/metrics%n", worker.opsPort());
        out.println("ready");
        out.flush();
        String received = signal.await();
        out.printf("%s received; draining the worker, then stopping the servers%n", received);
        out.flush();
      }
    }
    out.println("stopped");
    out.flush();
    return ExitCode.OK;
  }
}
