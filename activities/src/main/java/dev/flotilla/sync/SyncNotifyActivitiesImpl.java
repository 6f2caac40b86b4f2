package dev.flotilla.sync;

import dev.flotilla.alerting.Notice;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the user who started a job how it went, with its counts, through the alert channels (email,
 * Slack, webhooks). A user ID that is an email address gets the mail itself; otherwise the
 * configured recipients do. The notice's key is the job's run and its ending, so an activity retry
 * sends nothing twice while a later run of the same sync is told afresh.
 */
public final class SyncNotifyActivitiesImpl implements SyncNotifyActivities {
  private static final Logger log = LoggerFactory.getLogger(SyncNotifyActivitiesImpl.class);

  private final Consumer<Notice> channels;

  /**
   * @param channels sends a notice to every channel that has not had it yet, failing while one
   *     still may
   */
  public SyncNotifyActivitiesImpl(Consumer<Notice> channels) {
    this.channels = channels;
  }

  /** Only the log line, for a worker or test without alert channels. */
  public SyncNotifyActivitiesImpl() {
    this(notice -> {});
  }

  @Override
  public void notify(SyncOutcome outcome) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    Notice notice = notice(outcome, info.getWorkflowId() + "@" + info.getRunId());
    log.info("{}", notice.subject());
    channels.accept(notice);
  }

  /**
   * @param run the job's workflow ID and run: one notice per run and ending
   */
  static Notice notice(SyncOutcome outcome, String run) {
    String ending = outcome.succeeded() ? "completed" : "failed";
    String subject =
        outcome.succeeded()
            ? String.format(
                "[Flotilla] sync %s completed: %d records committed, %d quarantined",
                outcome.jobId(), outcome.committed(), outcome.quarantined())
            : String.format(
                "[Flotilla] sync %s failed at %s; rolled back %s",
                outcome.jobId(), phaseName(outcome.failedPhase()), names(outcome.rolledBack()));
    StringBuilder body = new StringBuilder();
    body.append("Sync:        ").append(outcome.jobId()).append('\n');
    body.append("Started by:  ").append(outcome.userId()).append('\n');
    body.append("Result:      ").append(ending).append('\n');
    body.append(
        String.format(
            "Records:     %d extracted, %d transformed, %d quarantined, %d staged, %d committed%n",
            outcome.extracted(),
            outcome.transformed(),
            outcome.quarantined(),
            outcome.staged(),
            outcome.committed()));
    if (!outcome.succeeded()) {
      body.append("Failed at:   ").append(phaseName(outcome.failedPhase())).append('\n');
      body.append("Error:       ").append(outcome.error()).append('\n');
      body.append("Rolled back: ").append(names(outcome.rolledBack())).append('\n');
    }
    if (!outcome.slaOverruns().isEmpty()) {
      body.append("Over SLA:    ").append(names(outcome.slaOverruns())).append('\n');
    }
    body.append("Details:     flotilla sync describe ").append(outcome.jobId()).append('\n');
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("kind", "sync-" + ending);
    payload.put("syncId", outcome.jobId());
    payload.put("userId", outcome.userId());
    payload.put("extracted", outcome.extracted());
    payload.put("transformed", outcome.transformed());
    payload.put("quarantined", outcome.quarantined());
    payload.put("staged", outcome.staged());
    payload.put("committed", outcome.committed());
    payload.put("failedPhase", phaseName(outcome.failedPhase()));
    payload.put("error", outcome.error());
    payload.put("rolledBack", names(outcome.rolledBack()));
    payload.put("slaOverruns", names(outcome.slaOverruns()));
    List<String> recipients =
        outcome.userId() != null && outcome.userId().contains("@")
            ? List.of(outcome.userId())
            : List.of();
    return new Notice("sync:" + run + ":" + ending, subject, body.toString(), payload, recipients);
  }

  private static String phaseName(SyncPhase phase) {
    return phase == null ? null : phase.name().toLowerCase();
  }

  private static List<String> names(List<SyncPhase> phases) {
    return phases.stream().map(SyncNotifyActivitiesImpl::phaseName).toList();
  }
}
