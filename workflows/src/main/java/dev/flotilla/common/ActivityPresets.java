package dev.flotilla.common;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Activity options by kind of work, in one place. Every preset has a bounded number of attempts and
 * treats {@link InvalidInputException} as final: retrying a bad input cannot make it good.
 */
public final class ActivityPresets {

  /** The failure type of an alert channel that refused a delivery for good (a 4xx, bad login). */
  public static final String ALERT_CHANNEL_REJECTED = "AlertChannelRejected";

  /** Computation or a single local call: seconds, a few attempts. */
  public static final ActivityOptions QUICK =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .setMaximumAttempts(5)
                  .setDoNotRetry(InvalidInputException.class.getName())
                  .build())
          .build();

  /**
   * Scanning an account page by page: long, heartbeating with its cursor so a retry resumes, and
   * never retried for what a retry cannot fix (bad input, access denied, an unknown source).
   */
  public static final ActivityOptions SCAN =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          .setHeartbeatTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofMinutes(2))
                  .setMaximumAttempts(5)
                  .setDoNotRetry(
                      InvalidInputException.class.getName(),
                      "AwsAccessDenied",
                      "AwsBadRequest",
                      "UnknownInventorySource")
                  .build())
          .build();

  /** Analysis of one batch of stored resources: minutes at most, a few attempts. */
  public static final ActivityOptions ANALYSIS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .setMaximumAttempts(3)
                  .setDoNotRetry(InvalidInputException.class.getName(), "ResourceAnalysisFailed")
                  .build())
          .build();

  /** Carrying out approved work: idempotent per action, so retried generously but not forever. */
  public static final ActivityOptions EXECUTION =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofMinutes(5))
                  .setMaximumAttempts(10)
                  .setDoNotRetry(InvalidInputException.class.getName(), "ExecutionNotAvailable")
                  .build())
          .build();

  /**
   * Deleting old rows in bounded chunks: each chunk heartbeats, so a worker that dies mid-table is
   * noticed within a minute and the retry carries on from what is left.
   */
  public static final ActivityOptions PURGE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          .setHeartbeatTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofMinutes(2))
                  .setMaximumAttempts(5)
                  .setDoNotRetry(InvalidInputException.class.getName())
                  .build())
          .build();

  /** The same options with the one-line summary the Web UI shows for the activity. */
  public static ActivityOptions summarized(ActivityOptions options, String summary) {
    return ActivityOptions.newBuilder(options).setSummary(summary).build();
  }

  /**
   * Telling operators about an incident: each attempt may wait on SMTP and HTTP endpoints, and a
   * channel that is down gets about ten minutes to come back before the incident is recorded as
   * undelivered. A channel that refuses the alert outright ({@code AlertChannelRejected}) is final.
   */
  public static final ActivityOptions ALERT_DELIVERY =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofMinutes(2))
                  .setMaximumAttempts(10)
                  .setDoNotRetry(InvalidInputException.class.getName(), ALERT_CHANNEL_REJECTED)
                  .build())
          .build();

  private ActivityPresets() {}
}
