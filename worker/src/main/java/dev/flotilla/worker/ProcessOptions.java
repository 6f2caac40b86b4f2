package dev.flotilla.worker;

import dev.flotilla.settings.FlotillaSettings;
import dev.flotilla.settings.SettingsLoader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of the commands that run workers: the settings file and the worker tuning flags. */
public final class ProcessOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "flotilla.yaml (default: FLOTILLA_CONFIG, else ./flotilla.yaml if present)")
  Path config;

  @Option(
      names = "--virtual-threads",
      negatable = true,
      description = "run workflow and activity tasks on virtual threads (default: on, JDK 21+)")
  Boolean virtualThreads;

  @Option(names = "--max-concurrent-activities", paramLabel = "N")
  Integer maxConcurrentActivities;

  @Option(names = "--max-concurrent-workflow-tasks", paramLabel = "N")
  Integer maxConcurrentWorkflowTasks;

  @Option(names = "--sticky-cache-size", paramLabel = "N")
  Integer stickyCacheSize;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description = "/metrics, /health, /ready (default: 9464)")
  Integer httpPort;

  @Option(
      names = "--shutdown-grace",
      paramLabel = "SECONDS",
      description = "how long in-flight work may finish on SIGTERM (default: 30)")
  Integer shutdownGrace;

  @Option(
      names = "--identity",
      description = "worker identity shown in the Web UI (default: pid@host)")
  String identity;

  /** The settings file with these flags on top, validated like the file itself. */
  public FlotillaSettings settings() {
    // Flags are applied as the environment overrides they stand for, so they get the same checks.
    Map<String, String> environment = new HashMap<>(System.getenv());
    put(environment, "FLOTILLA_WORKER_VIRTUAL_THREADS", virtualThreads);
    put(environment, "FLOTILLA_WORKER_MAX_CONCURRENT_ACTIVITIES", maxConcurrentActivities);
    put(environment, "FLOTILLA_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS", maxConcurrentWorkflowTasks);
    put(environment, "FLOTILLA_WORKER_STICKY_CACHE_SIZE", stickyCacheSize);
    put(environment, "FLOTILLA_WORKER_SHUTDOWN_GRACE_SECONDS", shutdownGrace);
    put(environment, "FLOTILLA_WORKER_HTTP_PORT", httpPort);
    return new SettingsLoader(environment).load(config);
  }

  private static void put(Map<String, String> environment, String name, Object flag) {
    if (flag != null) {
      environment.put(name, flag.toString());
    }
  }

  public String identity() {
    return identity != null ? identity : ManagementFactory.getRuntimeMXBean().getName();
  }
}
