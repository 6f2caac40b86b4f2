package dev.flotilla.component;

import dev.flotilla.common.InvalidInputException;
import java.util.Locale;

/**
 * How to tell that an instance of a component is healthy. Instance {@code i} listens on {@code port
 * + i} (the runtime tells it so through the environment variable {@code PORT}).
 *
 * @param type {@code http} (a GET of {@code path} answers 2xx) or {@code tcp} (the port accepts a
 *     connection)
 * @param port the first instance's port
 * @param path the HTTP path, "/" when left out
 * @param timeoutMillis how long one probe may take (default 2000)
 */
public record HealthCheck(String type, Integer port, String path, Integer timeoutMillis) {
  public HealthCheck {
    type = type == null ? "http" : type.toLowerCase(Locale.ROOT);
    path = path == null || path.isBlank() ? "/" : path;
    timeoutMillis = timeoutMillis == null ? 2000 : timeoutMillis;
  }

  public static HealthCheck http(int port, String path) {
    return new HealthCheck("http", port, path, null);
  }

  public static HealthCheck tcp(int port) {
    return new HealthCheck("tcp", port, null, null);
  }

  /** The port instance {@code index} listens on. */
  public int portOf(int index) {
    return port + index;
  }

  void validate(String component) {
    if (!type.equals("http") && !type.equals("tcp")) {
      throw new InvalidInputException(
          "component " + component + ": health.type must be http or tcp, not " + type);
    }
    if (port == null || port < 1 || port > 65535) {
      throw new InvalidInputException(
          "component " + component + ": health.port must be a port between 1 and 65535");
    }
    if (!path.startsWith("/")) {
      throw new InvalidInputException(
          "component " + component + ": health.path must start with /, e.g. /health");
    }
    if (timeoutMillis < 1 || timeoutMillis > 60_000) {
      throw new InvalidInputException(
          "component " + component + ": health.timeoutMillis must be between 1 and 60000");
    }
  }
}
