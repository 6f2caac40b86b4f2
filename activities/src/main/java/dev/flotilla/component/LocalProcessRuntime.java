package dev.flotilla.component;

import dev.flotilla.settings.SecretRef;
import dev.flotilla.settings.SettingsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs components as OS processes on this host, one process per instance, and supervises them: an
 * instance that exits without being asked to is started again, at most {@code maxAutoRestarts}
 * times, after which it stays down for the health checks (and the workflows) to notice.
 *
 * <p>Instance {@code i} gets {@code PORT=<health port + i>}, {@code FLOTILLA_COMPONENT} and {@code
 * FLOTILLA_INSTANCE=i} in its environment; its output goes to {@code <logDir>/<component>-<i>.log}.
 * The processes belong to this worker: closing the runtime (the worker shutting down) stops them.
 */
public final class LocalProcessRuntime implements ComponentRuntime {
  private static final Logger log = LoggerFactory.getLogger(LocalProcessRuntime.class);
  private static final long STOP_WAIT_SECONDS = 10;

  /** Told when the supervisor restarts an instance that died, or gives up on it. */
  public interface Supervision {
    void restarted(String component, int instance, long deadPid, int exitCode, int restarts);

    void gaveUp(String component, int instance, long deadPid, int exitCode, int restarts);

    Supervision NONE =
        new Supervision() {
          @Override
          public void restarted(
              String component, int instance, long deadPid, int exitCode, int restarts) {}

          @Override
          public void gaveUp(
              String component, int instance, long deadPid, int exitCode, int restarts) {}
        };
  }

  private final Path logDir;
  private final SecretRef secrets;
  private final int maxAutoRestarts;
  private final Supervision supervision;
  private final HealthProbe probe = new HealthProbe();
  private final Map<String, Deployment> deployments = new TreeMap<>();

  public LocalProcessRuntime(
      Path logDir, SecretRef secrets, int maxAutoRestarts, Supervision supervision) {
    this.logDir = logDir;
    this.secrets = secrets;
    this.maxAutoRestarts = maxAutoRestarts;
    this.supervision = supervision;
  }

  private static final class Deployment {
    ComponentManifest manifest;
    final List<Instance> instances = new ArrayList<>();
    final Set<String> restartKeys = new HashSet<>();

    Deployment(ComponentManifest manifest) {
      this.manifest = manifest;
    }
  }

  private static final class Instance {
    final int index;
    Process process;
    boolean stopping;
    int restarts;

    Instance(int index) {
      this.index = index;
    }

    boolean running() {
      return process != null && process.isAlive();
    }
  }

  @Override
  public synchronized ComponentStatus ensure(ComponentManifest manifest) {
    Deployment deployment = deployments.get(manifest.name());
    boolean changed = false;
    if (deployment != null
        && !sameDefinition(deployment.manifest, manifest)
        && !deployment.instances.isEmpty()) {
      log.info("component {}: manifest changed, replacing its instances", manifest.name());
      stopAll(deployment);
      changed = true;
    }
    boolean created = deployment == null;
    if (created) {
      deployment = new Deployment(manifest);
      deployments.put(manifest.name(), deployment);
    }
    deployment.manifest = manifest;
    try {
      changed |= converge(deployment);
    } catch (ComponentRuntimeException e) {
      if (created) {
        // A first deploy that cannot start leaves nothing behind, not a half-started component.
        stopAll(deployment);
        deployments.remove(manifest.name());
      }
      throw e;
    }
    return status(deployment, changed);
  }

  @Override
  public synchronized ComponentStatus scale(String component, int instances) {
    Deployment deployment = existing(component);
    deployment.manifest = deployment.manifest.withInstances(instances);
    return status(deployment, converge(deployment));
  }

  @Override
  public synchronized ComponentStatus restart(String component, String key, boolean onlyUnhealthy) {
    Deployment deployment = existing(component);
    if (!deployment.restartKeys.add(key)) {
      return status(deployment, false);
    }
    boolean changed = false;
    for (Instance instance : deployment.instances) {
      if (onlyUnhealthy && problem(deployment.manifest, instance).isEmpty()) {
        continue;
      }
      stopInstance(instance);
      instance.restarts = 0;
      launch(deployment.manifest, instance);
      changed = true;
    }
    return status(deployment, changed);
  }

  @Override
  public synchronized ComponentStatus stop(String component) {
    Deployment deployment = deployments.remove(component);
    if (deployment == null) {
      return new ComponentStatus(component, 0, List.of(), false);
    }
    stopAll(deployment);
    return new ComponentStatus(component, 0, List.of(), true);
  }

  @Override
  public HealthReport probe(String component) {
    ComponentManifest manifest;
    List<Instance> instances;
    synchronized (this) {
      Deployment deployment = deployments.get(component);
      if (deployment == null) {
        return new HealthReport(
            component, 0, 0, List.of("component " + component + " is not deployed"));
      }
      manifest = deployment.manifest;
      instances = List.copyOf(deployment.instances);
    }
    // Probes run outside the lock: a slow instance must not hold up other components' operations.
    List<String> problems = new ArrayList<>();
    for (Instance instance : instances) {
      problem(manifest, instance)
          .ifPresent(p -> problems.add("instance " + instance.index + ": " + p));
    }
    return new HealthReport(
        component, instances.size(), instances.size() - problems.size(), problems);
  }

  @Override
  public synchronized List<String> deployed() {
    return List.copyOf(deployments.keySet());
  }

  @Override
  public synchronized ComponentStatus status(String component) {
    Deployment deployment = deployments.get(component);
    return deployment == null
        ? new ComponentStatus(component, 0, List.of(), false)
        : status(deployment, false);
  }

  /** Stops every component's processes: they must not outlive the worker that supervises them. */
  @Override
  public synchronized void close() {
    deployments.values().forEach(this::stopAll);
    deployments.clear();
  }

  private Deployment existing(String component) {
    Deployment deployment = deployments.get(component);
    if (deployment == null) {
      throw ComponentRuntimeException.notDeployed(component);
    }
    return deployment;
  }

  /** Starts missing instances and stops surplus ones; true when anything changed. */
  private boolean converge(Deployment deployment) {
    boolean changed = false;
    int wanted = deployment.manifest.instances();
    while (deployment.instances.size() > wanted) {
      stopInstance(deployment.instances.remove(deployment.instances.size() - 1));
      changed = true;
    }
    for (Instance instance : deployment.instances) {
      if (!instance.running()) {
        launch(deployment.manifest, instance);
        changed = true;
      }
    }
    while (deployment.instances.size() < wanted) {
      Instance instance = new Instance(deployment.instances.size());
      deployment.instances.add(instance);
      launch(deployment.manifest, instance);
      changed = true;
    }
    return changed;
  }

  private void launch(ComponentManifest manifest, Instance instance) {
    ProcessBuilder builder = new ProcessBuilder(manifest.command());
    Map<String, String> env = builder.environment();
    env.putAll(manifest.env());
    manifest
        .secretEnv()
        .forEach(
            (name, reference) -> {
              try {
                env.put(name, secrets.resolve(reference));
              } catch (SettingsException e) {
                // Final: the worker's environment will not change under a retry. Names the
                // reference, never a value.
                throw ComponentRuntimeException.launchFailed(
                    manifest.name(), "secretEnv." + name, e);
              }
            });
    env.put("FLOTILLA_COMPONENT", manifest.name());
    env.put("FLOTILLA_INSTANCE", Integer.toString(instance.index));
    if (manifest.health() != null) {
      env.put("PORT", Integer.toString(manifest.health().portOf(instance.index)));
    }
    if (manifest.workingDir() != null) {
      builder.directory(Path.of(manifest.workingDir()).toFile());
    }
    builder.redirectErrorStream(true);
    try {
      Files.createDirectories(logDir);
      builder.redirectOutput(
          ProcessBuilder.Redirect.appendTo(
              logDir.resolve(manifest.name() + "-" + instance.index + ".log").toFile()));
      Process process = builder.start();
      instance.process = process;
      instance.stopping = false;
      process.onExit().thenAccept(exited -> supervise(manifest.name(), instance, exited));
      log.info(
          "component {}: instance {} started, pid {}",
          manifest.name(),
          instance.index,
          process.pid());
    } catch (IOException e) {
      throw ComponentRuntimeException.launchFailed(
          manifest.name(), String.join(" ", manifest.command()), e);
    }
  }

  /** An instance exited: if nobody asked it to, start it again while restarts remain. */
  private synchronized void supervise(String component, Instance instance, Process exited) {
    Deployment deployment = deployments.get(component);
    if (instance.stopping
        || instance.process != exited
        || deployment == null
        || !deployment.instances.contains(instance)) {
      return;
    }
    int exitCode = exited.exitValue();
    if (instance.restarts >= maxAutoRestarts) {
      log.warn(
          "component {}: instance {} exited ({}), {} restarts used up; leaving it down",
          component,
          instance.index,
          exitCode,
          instance.restarts);
      supervision.gaveUp(component, instance.index, exited.pid(), exitCode, instance.restarts);
      return;
    }
    instance.restarts++;
    log.warn(
        "component {}: instance {} exited ({}); restart {} of {}",
        component,
        instance.index,
        exitCode,
        instance.restarts,
        maxAutoRestarts);
    try {
      launch(deployment.manifest, instance);
      supervision.restarted(component, instance.index, exited.pid(), exitCode, instance.restarts);
    } catch (RuntimeException e) {
      log.warn(
          "component {}: instance {} could not be restarted: {}",
          component,
          instance.index,
          e.getMessage());
    }
  }

  private Optional<String> problem(ComponentManifest manifest, Instance instance) {
    if (!instance.running()) {
      return Optional.of(
          instance.process == null
              ? "not started"
              : "not running (exit code " + instance.process.exitValue() + ")");
    }
    if (manifest.health() == null) {
      return Optional.empty();
    }
    return probe.check(manifest.health(), manifest.health().portOf(instance.index));
  }

  private void stopAll(Deployment deployment) {
    deployment.instances.forEach(this::stopInstance);
    deployment.instances.clear();
  }

  private void stopInstance(Instance instance) {
    instance.stopping = true;
    Process process = instance.process;
    if (process == null || !process.isAlive()) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static ComponentStatus status(Deployment deployment, boolean changed) {
    return new ComponentStatus(
        deployment.manifest.name(),
        deployment.manifest.instances(),
        deployment.instances.stream()
            .map(
                i ->
                    new InstanceStatus(
                        i.index,
                        i.process == null ? null : i.process.pid(),
                        deployment.manifest.health() == null
                            ? null
                            : deployment.manifest.health().portOf(i.index),
                        i.running(),
                        i.restarts))
            .toList(),
        changed);
  }

  /** Same program, environment, health check and directory; the instance count may differ. */
  private static boolean sameDefinition(ComponentManifest a, ComponentManifest b) {
    return a.withInstances(1).equals(b.withInstances(1));
  }
}
