package dev.flotilla.common;

import io.temporal.failure.TemporalFailure;

/** How a failure reads in one line to a person: the innermost cause, in its own words. */
public final class Failures {
  private Failures() {}

  /** The innermost cause's message (a Temporal failure's original message), first line only. */
  public static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root instanceof TemporalFailure temporal
            ? temporal.getOriginalMessage()
            : root.getMessage();
    return message == null || message.isBlank()
        ? root.getClass().getSimpleName()
        : message.lines().findFirst().orElse("");
  }
}
