package dev.flotilla.worker;

/** Something a process needs to start is not there: a database, an embedded server. */
public final class DependencyUnavailableException extends RuntimeException {
  public DependencyUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
