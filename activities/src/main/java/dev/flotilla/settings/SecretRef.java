package dev.flotilla.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Resolves a secret reference ({@code env:NAME} or {@code file:/path}) at the moment an adapter
 * needs it. Workflow inputs, results and logs only ever carry the reference.
 */
public final class SecretRef {
  private final Map<String, String> environment;

  public SecretRef(Map<String, String> environment) {
    this.environment = environment;
  }

  public static SecretRef fromProcess() {
    return new SecretRef(System.getenv());
  }

  /** The secret's value; the exception names the reference, never a value. */
  public String resolve(String reference) {
    if (reference == null || reference.isBlank()) {
      throw new SettingsException("secret reference is empty; use env:NAME or file:/path");
    }
    if (reference.startsWith("env:")) {
      String name = reference.substring(4);
      String value = environment.get(name);
      if (value == null) {
        throw new SettingsException(
            "secret " + reference + " is not set; export " + name + " in the worker's environment");
      }
      return value;
    }
    if (reference.startsWith("file:")) {
      Path path = Path.of(reference.substring(5));
      try {
        return Files.readString(path).strip();
      } catch (IOException e) {
        throw new SettingsException(
            "secret " + reference + " cannot be read: " + e.getClass().getSimpleName());
      }
    }
    // The reference is not echoed: a value without a scheme may be a pasted secret.
    throw new SettingsException(
        "a secret reference has no scheme; put the secret in the environment or a file and write"
            + " env:NAME or file:/path");
  }

  /** Like {@link #resolve} but empty when the reference names nothing that is set. */
  public java.util.Optional<String> resolveIfSet(String reference) {
    try {
      return java.util.Optional.of(resolve(reference));
    } catch (SettingsException e) {
      return java.util.Optional.empty();
    }
  }
}
