package dev.flotilla.component;

import dev.flotilla.common.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a component is: how to run it and how to tell it is healthy. The default runtime runs each
 * instance as a local OS process; a Kubernetes or ECS runtime would read the same fields.
 *
 * @param name the component's name (letters, digits, {@code .-_})
 * @param command program and arguments, no shell
 * @param env environment variables, plain values only
 * @param secretEnv environment variables whose values are secret references ({@code env:NAME} or
 *     {@code file:/path}), resolved by the runtime when it starts a process, never stored here
 * @param instances how many instances to run (default 1)
 * @param health the health check; without one an instance is healthy while its process runs
 * @param workingDir the directory the processes start in; the worker's own when left out
 */
public record ComponentManifest(
    String name,
    List<String> command,
    Map<String, String> env,
    Map<String, String> secretEnv,
    Integer instances,
    HealthCheck health,
    String workingDir) {

  public static final int MAX_INSTANCES = 20;
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  public ComponentManifest {
    command = command == null ? List.of() : List.copyOf(command);
    // Sorted, so the manifest serializes to the same bytes on every run and replay.
    env = env == null ? Map.of() : new TreeMap<>(env);
    secretEnv = secretEnv == null ? Map.of() : new TreeMap<>(secretEnv);
    instances = instances == null ? 1 : instances;
  }

  /** The same manifest running {@code count} instances. */
  public ComponentManifest withInstances(int count) {
    return new ComponentManifest(name, command, env, secretEnv, count, health, workingDir);
  }

  public void validate() {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          "manifest: 'name' must be 1-63 letters, digits or ._- (it is part of the workflow ID)");
    }
    if (command.isEmpty() || command.get(0).isBlank()) {
      throw new InvalidInputException(
          "component "
              + name
              + ": 'command' is required, e.g. [\"python3\", \"-m\", \"http.server\"]");
    }
    checkInstances(name, instances);
    secretEnv.forEach(
        (variable, reference) -> {
          if (reference == null
              || !(reference.startsWith("env:") || reference.startsWith("file:"))) {
            throw new InvalidInputException(
                "component "
                    + name
                    + ": secretEnv."
                    + variable
                    + " must be a reference, env:NAME or file:/path");
          }
        });
    if (health != null) {
      health.validate(name);
    }
  }

  static void checkInstances(String component, Integer instances) {
    if (instances == null || instances < 0 || instances > MAX_INSTANCES) {
      throw new InvalidInputException(
          "component "
              + component
              + ": 'instances' must be between 0 and "
              + MAX_INSTANCES
              + ", not "
              + instances);
    }
  }
}
