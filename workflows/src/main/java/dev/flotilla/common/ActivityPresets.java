package dev.flotilla.common;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Activity options by kind of work, in one place. Every preset has a bounded number of attempts,
 * backs off exponentially, and treats {@link InvalidInputException} as final: retrying a bad input
 * cannot make it good.
 */
public final class ActivityPresets {

  /** The failure type of an alert channel that refused a delivery for good (a 4xx, bad login). */
  public static final String ALERT_CHANNEL_REJECTED = "AlertChannelRejected";

  /** Computation or a single local call: seconds, a few attempts. */
  public static final ActivityOptions QUICK =
      options(
          Duration.ofSeconds(30), null, retry(Duration.ofSeconds(1), Duration.ofSeconds(30), 5));

  /**
   * Scanning an account page by page: long, heartbeating with its cursor so a retry resumes, and
   * never retried for what a retry cannot fix (bad input, access denied, an unknown source).
   */
  public static final ActivityOptions SCAN =
      options(
          Duration.ofMinutes(30),
          Duration.ofMinutes(2),
          retry(
              Duration.ofSeconds(5),
              Duration.ofMinutes(2),
              5,
              "AwsAccessDenied",
              "AwsBadRequest",
              "UnknownInventorySource"));

  /**
   * Whole-cycle analysis steps (dependency grouping, batching): minutes at most, a few attempts.
   */
  public static final ActivityOptions ANALYSIS =
      options(
          Duration.ofMinutes(5),
          null,
          retry(Duration.ofSeconds(2), Duration.ofSeconds(30), 3, "ResourceAnalysisFailed"));

  /**
   * Analysing or pricing one batch of stored resources: one read, arithmetic, one write, well under
   * a second for a batch of 100. The short start-to-close is what bounds recovery when a worker
   * dies holding the task (measured on the dev server: about 5 minutes with the 5-minute limit),
   * and a batch this small has no progress worth heartbeating.
   */
  public static final ActivityOptions ANALYSIS_BATCH =
      options(
          Duration.ofMinutes(1),
          null,
          retry(
              Duration.ofSeconds(2),
              Duration.ofSeconds(30),
              3,
              "ResourceAnalysisFailed",
              "RecommendationFailed"));

  /**
   * Carrying out approved work: idempotent per action, so retried generously but not forever. A
   * batch of rightsizes stops and starts instances one after another, so an attempt may take long;
   * it heartbeats after each action and while it waits on AWS. What AWS refuses (access denied, a
   * call it rejects) is final.
   */
  public static final ActivityOptions EXECUTION =
      options(
          Duration.ofHours(2),
          Duration.ofMinutes(2),
          retry(
              Duration.ofSeconds(5),
              Duration.ofMinutes(5),
              10,
              "ExecutionNotAvailable",
              "BatchNotFound",
              "AwsAccessDenied",
              "AwsBadRequest"));

  /**
   * Deleting old rows in bounded chunks: each chunk heartbeats, so a worker that dies mid-table is
   * noticed within a minute and the retry carries on from what is left.
   */
  public static final ActivityOptions PURGE =
      options(
          Duration.ofMinutes(30),
          Duration.ofMinutes(1),
          retry(Duration.ofSeconds(5), Duration.ofMinutes(2), 5));

  /**
   * Telling operators about an incident: each attempt may wait on SMTP and HTTP endpoints, and a
   * channel that is down gets about ten minutes to come back before the incident is recorded as
   * undelivered. A channel that refuses the alert outright ({@code AlertChannelRejected}) is final.
   */
  public static final ActivityOptions ALERT_DELIVERY =
      options(
          Duration.ofSeconds(30),
          null,
          retry(Duration.ofSeconds(5), Duration.ofMinutes(2), 10, ALERT_CHANNEL_REJECTED));

  /** The failure type of a VALIDATE that set aside more records than the job allows. */
  public static final String SYNC_ERROR_RATE_EXCEEDED = "SyncErrorRateExceeded";

  /**
   * The failure type of a sync sink database that cannot be used as given: its reference resolves
   * to nothing or to no PostgreSQL URL, or the database refuses the credentials.
   */
  public static final String SYNC_SINK_UNUSABLE = "SyncSinkUnusable";

  /** A sync job's CONNECT: a reachability check, so a short deadline and few attempts. */
  public static final ActivityOptions SYNC_CONNECT =
      options(
          Duration.ofSeconds(30), null, retry(Duration.ofSeconds(1), Duration.ofSeconds(10), 3));

  /**
   * A sync job's EXTRACT: pages through a source, heartbeating its cursor so a retry after a lost
   * worker resumes where the last attempt stopped instead of starting over.
   */
  public static final ActivityOptions SYNC_EXTRACT =
      options(
          Duration.ofMinutes(30),
          Duration.ofMinutes(1),
          retry(Duration.ofSeconds(5), Duration.ofMinutes(2), 5));

  /**
   * A sync job's set-based steps over its own rows (transform, validate, stage): each is one or a
   * few statements that are safe to repeat; too many bad records is final, not worth retrying.
   */
  public static final ActivityOptions SYNC_BULK =
      options(
          Duration.ofMinutes(10),
          null,
          retry(Duration.ofSeconds(2), Duration.ofMinutes(1), 5, SYNC_ERROR_RATE_EXCEEDED));

  /**
   * A sync job's COMMIT: one transaction, so a failed attempt leaves nothing behind and a retry is
   * safe; a short deadline, since a commit that hangs holds locks on the sink table.
   */
  public static final ActivityOptions SYNC_COMMIT =
      options(Duration.ofMinutes(5), null, retry(Duration.ofSeconds(2), Duration.ofMinutes(1), 5));

  /**
   * Undoing a sync phase: idempotent, and a rollback that gives up early leaves the sink half
   * changed, so it is retried longer than the work it undoes.
   */
  public static final ActivityOptions SYNC_COMPENSATION =
      options(Duration.ofMinutes(5), null, retry(Duration.ofSeconds(2), Duration.ofMinutes(2), 20));

  /** A component's circuit breaker is open: retryable, after the breaker's remaining open time. */
  public static final String COMPONENT_CIRCUIT_OPEN = "ComponentCircuitOpen";

  /** A component did not pass its health check (yet): retryable, it may still be starting. */
  public static final String COMPONENT_UNHEALTHY = "ComponentUnhealthy";

  /** scale, update or restart of a component nobody deployed: final. */
  public static final String COMPONENT_NOT_DEPLOYED = "ComponentNotDeployed";

  /** A component's command cannot be started at all (no such program): final. */
  public static final String COMPONENT_LAUNCH_FAILED = "ComponentLaunchFailed";

  /** A backup taken at another schema version, or one that is not there: final. */
  public static final String BACKUP_INCOMPATIBLE = "BackupIncompatible";

  /**
   * Starting, replacing or stopping a component's processes: desired-state operations, safe to
   * repeat, so a few attempts; a command that cannot run or a component that is not deployed is
   * final.
   */
  public static final ActivityOptions COMPONENT_OPERATION =
      options(
          Duration.ofMinutes(2),
          null,
          retry(
              Duration.ofSeconds(1),
              Duration.ofSeconds(30),
              8,
              COMPONENT_NOT_DEPLOYED,
              COMPONENT_LAUNCH_FAILED));

  /**
   * Waiting for a component to pass its health check: each attempt probes once and fails while the
   * component is not healthy, so Temporal's backoff is the wait for a process to start (about a
   * minute in all). An open circuit breaker sets the next delay itself.
   */
  public static final ActivityOptions COMPONENT_HEALTH =
      options(
          Duration.ofSeconds(30), null, retry(Duration.ofMillis(500), Duration.ofSeconds(10), 10));

  /** Backing up or restoring Flotilla's database: long, heartbeating per table. */
  public static final ActivityOptions BACKUP =
      options(
          Duration.ofMinutes(30),
          Duration.ofMinutes(1),
          retry(Duration.ofSeconds(5), Duration.ofMinutes(2), 3, BACKUP_INCOMPATIBLE));

  /**
   * The failure type of a repository or repository file that cannot be used (see
   * RepositoryRejected).
   */
  public static final String CICD_REPOSITORY_REJECTED = "dev.flotilla.cicd.RepositoryRejected";

  /**
   * Checking out a repository for CI generation: a shallow clone takes seconds to minutes and
   * heartbeats while git runs; a network hiccup is retried a few times, a path or URL that cannot
   * be used is final.
   */
  public static final ActivityOptions CICD_CHECKOUT =
      options(
          Duration.ofMinutes(10),
          Duration.ofSeconds(30),
          retry(Duration.ofSeconds(2), Duration.ofSeconds(30), 3, CICD_REPOSITORY_REJECTED));

  /**
   * Reading or writing a checked-out repository's files: local disk, seconds; a binary, oversized
   * or escaping file is final.
   */
  public static final ActivityOptions CICD_FILES =
      options(
          Duration.ofMinutes(1),
          null,
          retry(Duration.ofSeconds(1), Duration.ofSeconds(10), 3, CICD_REPOSITORY_REJECTED));

  /** The same options with the one-line summary the Web UI shows for the activity. */
  public static ActivityOptions summarized(ActivityOptions options, String summary) {
    return ActivityOptions.newBuilder(options).setSummary(summary).build();
  }

  private static ActivityOptions options(
      Duration startToClose, Duration heartbeat, RetryOptions retry) {
    ActivityOptions.Builder options =
        ActivityOptions.newBuilder().setStartToCloseTimeout(startToClose).setRetryOptions(retry);
    if (heartbeat != null) {
      options.setHeartbeatTimeout(heartbeat);
    }
    return options.build();
  }

  /** Exponential backoff doubling from {@code initial} up to {@code max}, at most that often. */
  private static RetryOptions retry(
      Duration initial, Duration max, int attempts, String... finalFailureTypes) {
    return RetryOptions.newBuilder()
        .setInitialInterval(initial)
        .setBackoffCoefficient(2.0)
        .setMaximumInterval(max)
        .setMaximumAttempts(attempts)
        .setDoNotRetry(
            Stream.concat(
                    Stream.of(InvalidInputException.class.getName()), Stream.of(finalFailureTypes))
                .toArray(String[]::new))
        .build();
  }

  private ActivityPresets() {}
}
