package dev.flotilla.worker.bench;

import dev.flotilla.sync.SyncJob;
import dev.flotilla.sync.SyncNotifyActivities;
import dev.flotilla.sync.SyncOutcome;
import dev.flotilla.sync.SyncPhase;
import dev.flotilla.sync.SyncRequest;
import dev.flotilla.sync.SyncSinkActivities;
import dev.flotilla.sync.SyncSourceActivities;
import dev.flotilla.sync.ValidationReport;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A sync job's work as the bare SDK would do it: the same activity calls in the same order
 * (connect, extract, transform, validate, stage, commit, notify, clean up) from one workflow with
 * plain activity options; no phase audit log, SLA checks, saga, metrics or search attributes.
 * Benchmark code only: the product worker never registers it.
 */
public final class PlainSync {
  private PlainSync() {}

  @WorkflowInterface
  public interface PlainSyncWorkflow {
    /** Returns each phase's duration in milliseconds. */
    @WorkflowMethod(name = "BenchPlainSync")
    Map<SyncPhase, Long> run(SyncRequest request);
  }

  public static final class PlainSyncWorkflowImpl implements PlainSyncWorkflow {
    private final ActivityOptions options =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(30))
            .setHeartbeatTimeout(Duration.ofMinutes(1))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
            .build();
    private final SyncSourceActivities source =
        Workflow.newActivityStub(SyncSourceActivities.class, options);
    private final SyncSinkActivities sink =
        Workflow.newActivityStub(SyncSinkActivities.class, options);
    private final SyncNotifyActivities notifier =
        Workflow.newActivityStub(SyncNotifyActivities.class, options);

    private final Map<SyncPhase, Long> durations = new EnumMap<>(SyncPhase.class);

    @Override
    public Map<SyncPhase, Long> run(SyncRequest request) {
      SyncJob job =
          SyncJob.of(
              Workflow.getInfo().getWorkflowId(),
              Workflow.getInfo().getFirstExecutionRunId(),
              request);
      timed(SyncPhase.CONNECT, () -> connect(job));
      long extracted = timed(SyncPhase.EXTRACT, () -> source.extract(job));
      long transformed = timed(SyncPhase.TRANSFORM, () -> sink.transform(job));
      ValidationReport validation = timed(SyncPhase.VALIDATE, () -> sink.validate(job));
      long staged = timed(SyncPhase.STAGE, () -> sink.stage(job));
      long committed = timed(SyncPhase.COMMIT, () -> sink.commit(job));
      SyncOutcome outcome =
          new SyncOutcome(
              job.workflowId(),
              request.userId(),
              true,
              extracted,
              transformed,
              validation.quarantined(),
              staged,
              committed,
              null,
              null,
              List.of(),
              List.of());
      timed(SyncPhase.NOTIFY, () -> notify(outcome));
      sink.cleanUp(job);
      return durations;
    }

    private Void connect(SyncJob job) {
      source.connect(job);
      return null;
    }

    private Void notify(SyncOutcome outcome) {
      notifier.notify(outcome);
      return null;
    }

    private <T> T timed(SyncPhase phase, Functions.Func<T> work) {
      long started = Workflow.currentTimeMillis();
      T result = work.apply();
      durations.put(phase, Workflow.currentTimeMillis() - started);
      return result;
    }
  }
}
