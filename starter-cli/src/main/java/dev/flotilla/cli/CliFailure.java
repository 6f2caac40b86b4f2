package dev.flotilla.cli;

import dev.flotilla.common.InvalidInputException;

/**
 * What a command reports to a person instead of a stack trace: one line, and the exit code that
 * goes with it.
 */
public final class CliFailure extends RuntimeException {
  private final int exitCode;

  public CliFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public static CliFailure usage(String message) {
    return new CliFailure(ExitCode.USAGE, message);
  }

  /**
   * Runs an input's own validation before anything starts, reporting what it rejects as a usage
   * error: the input names the field and what to do, so its message is the line a person sees.
   */
  public static void requireValid(Runnable validation) {
    try {
      validation.run();
    } catch (InvalidInputException e) {
      throw usage(e.getMessage());
    }
  }

  public static CliFailure notFound(String message) {
    return new CliFailure(ExitCode.WORKFLOW_FAILED_OR_NOT_FOUND, message);
  }

  public static CliFailure unavailable(String message) {
    return new CliFailure(ExitCode.UNAVAILABLE, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
