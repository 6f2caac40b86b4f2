package dev.flotilla.sync;

import static dev.flotilla.common.ActivityPresets.summarized;

import com.uber.m3.tally.Scope;
import dev.flotilla.common.ActivityPresets;
import dev.flotilla.common.Failures;
import dev.flotilla.common.FlotillaSearchAttributes;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

public final class SyncJobWorkflowImpl implements SyncJobWorkflow {
  static final String KIND = "sync";

  /** Enough of a stack trace to find the failing frame; the audit row is not a log archive. */
  private static final int MAX_STACK_CHARS = 4000;

  private static final Logger log = Workflow.getLogger(SyncJobWorkflowImpl.class);

  /** The change that added the final cleanup of a committed job's work rows. */
  static final String CLEANUP_CHANGE = "sync-cleanup-work-rows";

  private final SyncSourceActivities connector =
      stub(SyncSourceActivities.class, ActivityPresets.SYNC_CONNECT, "Connect source and sink");
  private final SyncSourceActivities source =
      stub(SyncSourceActivities.class, ActivityPresets.SYNC_EXTRACT, "Extract source records");
  private final SyncSinkActivities sink =
      stub(SyncSinkActivities.class, ActivityPresets.SYNC_BULK, "Transform, validate, stage");
  private final SyncSinkActivities committer =
      stub(SyncSinkActivities.class, ActivityPresets.SYNC_COMMIT, "Commit into the sink");
  private final SyncSourceActivities sourceUndo =
      stub(SyncSourceActivities.class, ActivityPresets.SYNC_COMPENSATION, "Roll back");
  private final SyncSinkActivities sinkUndo =
      stub(SyncSinkActivities.class, ActivityPresets.SYNC_COMPENSATION, "Roll back");
  private final PhaseLogActivities phaseLog =
      stub(PhaseLogActivities.class, ActivityPresets.QUICK, "Phase audit log");
  private final SyncSinkActivities cleaner =
      stub(SyncSinkActivities.class, ActivityPresets.SYNC_COMPENSATION, "Clean up work rows");
  private final SyncNotifyActivities notifier =
      stub(SyncNotifyActivities.class, ActivityPresets.QUICK, "Notify the user");

  /** Sequential: each undo may rely on the later phases' undos having run first. */
  private final Saga saga =
      new Saga(new Saga.Options.Builder().setParallelCompensation(false).build());

  private final List<SyncPhase> completed = new ArrayList<>();
  private final List<SyncPhase> slaOverruns = new ArrayList<>();
  private final List<SyncPhase> rolledBack = new ArrayList<>();
  private SyncPhase current;
  private SyncPhase failedPhase;
  private SyncJob job;
  private SyncOptions options;

  /** The last completed phase's work, for retryFromPhase; null before any phase completed. */
  private Functions.Func<?> previousWork;

  private boolean retriedFromPhase;

  private final List<PhaseRun> phases = new ArrayList<>();
  private long extracted;
  private long transformed;
  private ValidationReport validation = new ValidationReport(0, 0);
  private long staged;
  private long committed;

  @Override
  public SyncOutcome run(SyncRequest request) {
    request.validate();
    job =
        SyncJob.of(
            Workflow.getInfo().getWorkflowId(),
            Workflow.getInfo().getFirstExecutionRunId(),
            request);
    options = request.options();
    Workflow.upsertTypedSearchAttributes(
        FlotillaSearchAttributes.USER.valueSet(request.userId()),
        FlotillaSearchAttributes.SCOPE.valueSet(request.sinkTable()));

    try {
      phase(SyncPhase.CONNECT, null, this::connect);
      extracted = phase(SyncPhase.EXTRACT, sourceUndo::discardExtracted, source::extract);
      transformed = phase(SyncPhase.TRANSFORM, sinkUndo::discardTransformed, sink::transform);
      validation = phase(SyncPhase.VALIDATE, null, sink::validate);
      staged = phase(SyncPhase.STAGE, sinkUndo::dropStaged, sink::stage);
      committed = phase(SyncPhase.COMMIT, sinkUndo::restoreCommitted, committer::commit);
    } catch (ActivityFailure | CanceledFailure e) {
      // Cancellation of the job lands here too: the undo runs detached, so it is not cancelled.
      Workflow.newDetachedCancellationScope(this::rollBack).run();
      SyncOutcome failed = outcome(false, 0, Failures.rootMessage(e));
      Workflow.newDetachedCancellationScope(() -> tell(failed)).run();
      throw e;
    }

    SyncOutcome outcome = outcome(true, committed, null);
    try {
      phase(SyncPhase.NOTIFY, null, ignored -> notify(outcome));
    } catch (ActivityFailure e) {
      // The records are committed: a user who was not told still has them.
      sideEffectFailed("notify");
      log.warn("job {}: user not notified: {}", job.jobId(), Failures.rootMessage(e));
    }
    cleanUp();
    return outcome;
  }

  /**
   * The committed job's work rows (raw, transformed, staged, undo) are no longer needed once
   * nothing can roll it back; quarantined records stay as the evidence of what was wrong. Histories
   * from before this step replay without it.
   */
  private void cleanUp() {
    if (Workflow.getVersion(CLEANUP_CHANGE, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return;
    }
    try {
      cleaner.cleanUp(job);
    } catch (ActivityFailure e) {
      sideEffectFailed("cleanup");
      log.warn("job {}: work rows left behind: {}", job.jobId(), Failures.rootMessage(e));
    }
  }

  @Override
  public SyncProgress progress() {
    return new SyncProgress(
        current,
        List.copyOf(completed),
        List.copyOf(slaOverruns),
        failedPhase,
        List.copyOf(rolledBack),
        List.copyOf(phases),
        new SyncProgress.Counts(
            extracted, transformed, validation.quarantined(), staged, committed));
  }

  /**
   * Runs one phase: its undo is registered with the saga first (a phase that fails half way has
   * partial work to undo), then it is logged started, run, timed against its SLA and logged
   * completed or failed.
   */
  private <T> T phase(
      SyncPhase phase, Functions.Proc1<SyncJob> undo, Functions.Func1<SyncJob, T> work) {
    if (undo != null) {
      saga.addCompensation(() -> undo(phase, () -> undo.apply(job)));
    }
    current = phase;
    Workflow.upsertTypedSearchAttributes(FlotillaSearchAttributes.STAGE.valueSet(phase.title()));
    long startedAt = Workflow.currentTimeMillis();
    record(entry(phase, PhaseStatus.STARTED, null, Map.of()));
    metrics(phase).counter("workflow_phase_started").inc(1);
    T result;
    try {
      result = attempt(() -> work.apply(job));
    } catch (ActivityFailure | CanceledFailure e) {
      long duration = Workflow.currentTimeMillis() - startedAt;
      failedPhase = phase;
      metrics(phase).timer("workflow_phase_failed").record(millis(duration));
      boolean rollsBack = phase != SyncPhase.CONNECT && options.rollback() != Rollback.NONE;
      record(
          new PhaseLogEntry(
              job.workflowId(),
              job.request().userId(),
              phase,
              PhaseStatus.FAILED,
              now(),
              duration,
              phase.previous(),
              Failures.rootMessage(e),
              stack(e),
              slaMetadata(phase, duration),
              rollsBack,
              rollsBack ? rollbackTarget() : null));
      throw e;
    }
    long duration = Workflow.currentTimeMillis() - startedAt;
    metrics(phase).timer("workflow_phase_completed").record(millis(duration));
    record(entry(phase, PhaseStatus.COMPLETED, duration, slaMetadata(phase, duration)));
    completed.add(phase);
    previousWork = () -> work.apply(job);
    return result;
  }

  /** The phase's work, and with retryFromPhase once more after re-running the phase before it. */
  private <T> T attempt(Functions.Func<T> work) {
    try {
      return work.apply();
    } catch (ActivityFailure e) {
      if (!options.retryFromPhase() || retriedFromPhase || previousWork == null) {
        throw e;
      }
      retriedFromPhase = true;
      log.info(
          "job {}: {} failed ({}); re-running the phase before it once",
          job.jobId(),
          current,
          Failures.rootMessage(e));
      previousWork.apply();
      return work.apply();
    }
  }

  /** The SLA is a target, not a timeout: an overrun is flagged here and the job goes on. */
  private Map<String, String> slaMetadata(SyncPhase phase, long durationMs) {
    long slaMs = options.sla(phase).toMillis();
    boolean overrun = durationMs > slaMs;
    if (overrun && !slaOverruns.contains(phase)) {
      slaOverruns.add(phase);
      log.warn(
          "job {}: {} took {} ms, over its SLA of {} ms", job.jobId(), phase, durationMs, slaMs);
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("sla_ms", String.valueOf(slaMs));
    metadata.put("sla_overrun", String.valueOf(overrun));
    return metadata;
  }

  /** The saga's compensations, limited to what the job's rollback option asks for. */
  private void rollBack() {
    if (failedPhase == null
        || failedPhase == SyncPhase.CONNECT
        || options.rollback() == Rollback.NONE) {
      return;
    }
    saga.compensate();
  }

  /** One compensation: runs only if the rollback option covers the phase, then is logged. */
  private void undo(SyncPhase phase, Functions.Proc undo) {
    if (options.rollback() == Rollback.PREVIOUS && phase != failedPhase) {
      return;
    }
    long startedAt = Workflow.currentTimeMillis();
    try {
      undo.apply();
    } catch (ActivityFailure e) {
      // Logged and left: the other phases are still undone, and the failed row says what is left.
      log.error("job {}: rolling back {} failed: {}", job.jobId(), phase, Failures.rootMessage(e));
      sideEffectFailed("rollback");
      return;
    }
    rolledBack.add(phase);
    metrics(phase).counter("workflow_phase_rolled_back").inc(1);
    record(
        new PhaseLogEntry(
            job.workflowId(),
            job.request().userId(),
            phase,
            PhaseStatus.ROLLED_BACK,
            now(),
            Workflow.currentTimeMillis() - startedAt,
            phase.previous(),
            null,
            null,
            Map.of("failed_phase", String.valueOf(failedPhase)),
            true,
            rollbackTarget()));
  }

  /** The phase whose result the job is back at after the rollback. */
  private SyncPhase rollbackTarget() {
    return options.rollback() == Rollback.ALL ? SyncPhase.CONNECT : failedPhase.previous();
  }

  /** The audit log records the job; it must not be able to stop it, nor be stopped by a cancel. */
  private void record(PhaseLogEntry entry) {
    phases.add(
        new PhaseRun(
            entry.phase(),
            entry.status(),
            entry.timestamp(),
            entry.durationMs(),
            options.sla(entry.phase()).toMillis(),
            "true".equals(entry.metadata().get("sla_overrun")),
            entry.errorMessage()));
    Workflow.newDetachedCancellationScope(
            () -> {
              try {
                phaseLog.record(entry);
              } catch (ActivityFailure e) {
                sideEffectFailed("audit");
                log.warn(
                    "job {}: {} {} not logged: {}",
                    entry.workflowId(),
                    entry.phase(),
                    entry.status(),
                    Failures.rootMessage(e));
              }
            })
        .run();
  }

  private PhaseLogEntry entry(
      SyncPhase phase, PhaseStatus status, Long durationMs, Map<String, String> metadata) {
    return new PhaseLogEntry(
        job.workflowId(),
        job.request().userId(),
        phase,
        status,
        now(),
        durationMs,
        phase.previous(),
        null,
        null,
        metadata,
        false,
        null);
  }

  private Void connect(SyncJob job) {
    connector.connect(job);
    return null;
  }

  private Void notify(SyncOutcome outcome) {
    notifier.notify(outcome);
    return null;
  }

  /** A failed job's user is told too; that failing is logged, the job's own failure stands. */
  private void tell(SyncOutcome outcome) {
    try {
      notifier.notify(outcome);
    } catch (ActivityFailure e) {
      sideEffectFailed("notify");
      log.warn("job {}: user not told of the failure: {}", job.jobId(), Failures.rootMessage(e));
    }
  }

  private SyncOutcome outcome(boolean succeeded, long committedRows, String error) {
    return new SyncOutcome(
        job.workflowId(),
        job.request().userId(),
        succeeded,
        extracted,
        transformed,
        validation.quarantined(),
        staged,
        committedRows,
        failedPhase,
        error,
        List.copyOf(rolledBack),
        List.copyOf(slaOverruns));
  }

  /**
   * Meters labelled by phase and job type only: user and workflow IDs would make the series
   * unbounded; they live in the audit table. The workflow metrics scope does not re-emit on replay.
   */
  private static Scope metrics(SyncPhase phase) {
    return Workflow.getMetricsScope()
        .tagged(Map.of("phase", phase.name().toLowerCase(), "job_type", KIND));
  }

  /** Audit, notification and rollback failures do not fail the job; they show here instead. */
  private static void sideEffectFailed(String what) {
    Workflow.getMetricsScope()
        .tagged(Map.of("job_type", KIND, "what", what))
        .counter("workflow_phase_side_effect_failures")
        .inc(1);
  }

  private static com.uber.m3.util.Duration millis(long ms) {
    return com.uber.m3.util.Duration.ofMillis(ms);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static <T> T stub(Class<T> activities, ActivityOptions options, String summary) {
    return Workflow.newActivityStub(activities, summarized(options, summary));
  }

  /** The failure chain as "type: message" lines with their frames; workflow code may not do I/O. */
  private static String stack(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && text.length() < MAX_STACK_CHARS; t = t.getCause()) {
      text.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
      for (StackTraceElement frame : t.getStackTrace()) {
        text.append("\tat ").append(frame).append('\n');
      }
    }
    return text.length() > MAX_STACK_CHARS ? text.substring(0, MAX_STACK_CHARS) : text.toString();
  }
}
