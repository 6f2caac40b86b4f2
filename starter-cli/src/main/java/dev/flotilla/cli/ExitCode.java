package dev.flotilla.cli;

/** The process exit codes every flotilla command keeps to. */
public final class ExitCode {
  public static final int OK = 0;

  /** The workflow failed, was cancelled or terminated, or does not exist. */
  public static final int WORKFLOW_FAILED_OR_NOT_FOUND = 1;

  /** The command line or its input is wrong. */
  public static final int USAGE = 2;

  /** Something the command needs is not there: the server, a port, a JDK. */
  public static final int UNAVAILABLE = 3;

  private ExitCode() {}
}
