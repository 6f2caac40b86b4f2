package dev.flotilla.alerting;

import java.time.Instant;

/**
 * One failed attempt of an operation, as a worker saw it.
 *
 * @param operation what failed, as a business name: activity type and business key, for example
 *     {@code Compose:hello/ops}
 * @param errorType the failure's type (an ApplicationFailure type or an exception class name)
 * @param message what went wrong, one line, short; never a secret
 * @param workflowId the workflow the operation ran for
 * @param attempt the attempt that failed; informative only, never part of an incident's identity
 * @param failedAt when the worker saw it fail
 * @param finalFailure the failure will not be retried (non-retryable, such as access denied): an
 *     incident at once, since waiting for more failures would mean waiting for more runs
 */
public record FailureReport(
    String operation,
    String errorType,
    String message,
    String workflowId,
    int attempt,
    Instant failedAt,
    boolean finalFailure) {

  /** The longest message kept: alerts are read by people, and history is not a log store. */
  public static final int MAX_MESSAGE = 300;

  public FailureReport {
    if (message != null && message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE - 1) + "…";
    }
  }

  /** A failure that Temporal will retry. */
  public FailureReport(
      String operation,
      String errorType,
      String message,
      String workflowId,
      int attempt,
      Instant failedAt) {
    this(operation, errorType, message, workflowId, attempt, failedAt, false);
  }

  /** {@code type: message}, as an alert shows the last error. */
  public String summary() {
    if (message == null || message.isBlank()) {
      return errorType;
    }
    return errorType == null ? message : errorType + ": " + message;
  }
}
