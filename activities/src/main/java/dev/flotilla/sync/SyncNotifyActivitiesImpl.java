package dev.flotilla.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the user how a job went. For now a log line: the seam where the alerting channels (webhook,
 * email, Slack) plug in.
 */
public final class SyncNotifyActivitiesImpl implements SyncNotifyActivities {
  private static final Logger log = LoggerFactory.getLogger(SyncNotifyActivitiesImpl.class);

  @Override
  public void notify(SyncOutcome outcome) {
    if (outcome.succeeded()) {
      log.info(
          "sync {} for {}: {} extracted, {} quarantined, {} committed; SLA overruns {}",
          outcome.jobId(),
          outcome.userId(),
          outcome.extracted(),
          outcome.quarantined(),
          outcome.committed(),
          outcome.slaOverruns());
    } else {
      log.warn(
          "sync {} for {} failed at {}: {}; rolled back {}",
          outcome.jobId(),
          outcome.userId(),
          outcome.failedPhase(),
          outcome.error(),
          outcome.rolledBack());
    }
  }
}
