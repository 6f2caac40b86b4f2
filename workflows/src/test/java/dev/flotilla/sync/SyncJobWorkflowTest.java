package dev.flotilla.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.flotilla.FlotillaTestEnvironment;
import dev.flotilla.HistoryLimits;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mockito.InOrder;

class SyncJobWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension workflows =
      FlotillaTestEnvironment.extension(SyncJobWorkflowImpl.class).build();

  private final SyncSourceActivities source =
      mock(SyncSourceActivities.class, withSettings().withoutAnnotations());
  private final SyncSinkActivities sink =
      mock(SyncSinkActivities.class, withSettings().withoutAnnotations());
  private final PhaseLogActivities phaseLog =
      mock(PhaseLogActivities.class, withSettings().withoutAnnotations());
  private final SyncNotifyActivities notifier =
      mock(SyncNotifyActivities.class, withSettings().withoutAnnotations());

  /** The audit rows in the order the workflow wrote them. */
  private final List<PhaseLogEntry> logged = new CopyOnWriteArrayList<>();

  private WorkflowClient client;
  private Worker worker;

  @BeforeEach
  void wire(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.client = client;
    this.worker = worker;
    when(source.extract(any())).thenReturn(100L);
    when(sink.transform(any())).thenReturn(100L);
    when(sink.validate(any())).thenReturn(new ValidationReport(100, 2));
    when(sink.stage(any())).thenReturn(98L);
    when(sink.commit(any())).thenReturn(98L);
    doAnswer(
            call -> {
              logged.add(call.getArgument(0));
              return null;
            })
        .when(phaseLog)
        .record(any());
    worker.registerActivitiesImplementations(source, sink, phaseLog, notifier);
    env.start();
  }

  private static SyncRequest request(SyncOptions options) {
    return new SyncRequest(
        "alice", "orders", "/data/orders", "sync_records", "id", Map.of("name", "title"), options);
  }

  private SyncJobWorkflow job(SyncRequest request) {
    return client.newWorkflowStub(
        SyncJobWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(request.workflowId())
            .setTaskQueue(worker.getTaskQueue())
            .build());
  }

  private static ApplicationFailure forGood(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, "SyncTestFailure");
  }

  private List<String> rows() {
    return logged.stream().map(e -> e.phase() + " " + e.status()).toList();
  }

  @Test
  void aJobRunsTheSevenPhasesInOrderAndLogsEachStartAndCompletion() {
    SyncOutcome outcome = job(request(null)).run(request(null));

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.jobId()).isEqualTo("sync/alice/orders");
    assertThat(outcome.committed()).isEqualTo(98);
    assertThat(outcome.quarantined()).isEqualTo(2);
    assertThat(outcome.rolledBack()).isEmpty();
    assertThat(rows())
        .containsExactly(
            "CONNECT STARTED", "CONNECT COMPLETED",
            "EXTRACT STARTED", "EXTRACT COMPLETED",
            "TRANSFORM STARTED", "TRANSFORM COMPLETED",
            "VALIDATE STARTED", "VALIDATE COMPLETED",
            "STAGE STARTED", "STAGE COMPLETED",
            "COMMIT STARTED", "COMMIT COMPLETED",
            "NOTIFY STARTED", "NOTIFY COMPLETED");
    assertThat(logged.get(2).previousPhase()).isEqualTo(SyncPhase.CONNECT);
    assertThat(logged.get(3).metadata()).containsEntry("sla_ms", "60000");
    verify(notifier).notify(outcome);
    verify(sink, never()).dropStaged(any());
    verify(sink, never()).restoreCommitted(any());
    // Committed and told: the job's last step clears its work rows.
    InOrder last = inOrder(notifier, sink);
    last.verify(notifier).notify(outcome);
    last.verify(sink).cleanUp(any());
  }

  @Test
  void aJobOfAMillionRecordsKeepsASmallHistoryBecauseRecordsStayInTheDatabase() {
    when(source.extract(any())).thenReturn(1_000_000L);
    when(sink.transform(any())).thenReturn(1_000_000L);
    when(sink.validate(any())).thenReturn(new ValidationReport(1_000_000, 0));
    when(sink.stage(any())).thenReturn(1_000_000L);
    when(sink.commit(any())).thenReturn(1_000_000L);

    SyncOutcome outcome = job(request(null)).run(request(null));

    HistoryLimits limits = HistoryLimits.of(client, "sync/alice/orders");
    assertThat(outcome.committed()).isEqualTo(1_000_000);
    assertThat(limits.events()).isLessThan(200);
    assertThat(limits.maxPendingActivities()).isEqualTo(1);
    // The whole history is far below the 256 KB limit of a single payload.
    assertThat(client.fetchHistory("sync/alice/orders").toJson(false).length())
        .isLessThan(256 * 1024);
  }

  @ParameterizedTest
  @EnumSource(
      value = SyncPhase.class,
      names = {"EXTRACT", "TRANSFORM", "VALIDATE", "STAGE", "COMMIT"})
  void aPhaseFailingForGoodUndoesTheCompletedPhasesInReverseOrder(SyncPhase failing) {
    failAt(failing);
    SyncJobWorkflow job = job(request(null));

    assertThatThrownBy(() -> job.run(request(null))).isInstanceOf(WorkflowFailedException.class);

    // Every phase with an undo that had started, latest first; the failed one included, since
    // it may have left partial work.
    List<SyncPhase> expected =
        List.of(SyncPhase.COMMIT, SyncPhase.STAGE, SyncPhase.TRANSFORM, SyncPhase.EXTRACT).stream()
            .filter(p -> p.number() <= failing.number())
            .toList();
    InOrder undo = inOrder(sink, source);
    for (SyncPhase phase : expected) {
      switch (phase) {
        case COMMIT -> undo.verify(sink).restoreCommitted(any());
        case STAGE -> undo.verify(sink).dropStaged(any());
        case TRANSFORM -> undo.verify(sink).discardTransformed(any());
        case EXTRACT -> undo.verify(source).discardExtracted(any());
        default -> throw new IllegalStateException();
      }
    }
    assertThat(job.progress().rolledBack()).containsExactlyElementsOf(expected);
    assertThat(job.progress().failedPhase()).isEqualTo(failing);
    verify(sink, never()).cleanUp(any());
    assertThat(
            logged.stream()
                .filter(e -> e.status() == PhaseStatus.ROLLED_BACK)
                .map(PhaseLogEntry::phase))
        .containsExactlyElementsOf(expected);
    PhaseLogEntry failed =
        logged.stream().filter(e -> e.status() == PhaseStatus.FAILED).findFirst().orElseThrow();
    assertThat(failed.phase()).isEqualTo(failing);
    assertThat(failed.rollbackTriggered()).isTrue();
    assertThat(failed.rollbackToPhase()).isEqualTo(SyncPhase.CONNECT);
    assertThat(failed.errorMessage()).isEqualTo(failing + " broke");
    verify(sink, failing == SyncPhase.COMMIT ? times(1) : never()).commit(any());
    verify(notifier).notify(any());
  }

  @Test
  void aConnectFailureRollsNothingBack() {
    doThrow(forGood("CONNECT broke")).when(source).connect(any());
    SyncJobWorkflow job = job(request(null));

    assertThatThrownBy(() -> job.run(request(null))).isInstanceOf(WorkflowFailedException.class);

    verify(source, never()).discardExtracted(any());
    verify(source, never()).extract(any());
    assertThat(rows()).containsExactly("CONNECT STARTED", "CONNECT FAILED");
    assertThat(logged.get(1).rollbackTriggered()).isFalse();
  }

  @Test
  void rollbackPreviousUndoesOnlyTheFailedPhase() {
    failAt(SyncPhase.COMMIT);
    SyncOptions previous = new SyncOptions(null, Rollback.PREVIOUS, null, null);
    SyncJobWorkflow job = job(request(previous));

    assertThatThrownBy(() -> job.run(request(previous)))
        .isInstanceOf(WorkflowFailedException.class);

    verify(sink).restoreCommitted(any());
    verify(sink, never()).dropStaged(any());
    verify(source, never()).discardExtracted(any());
    assertThat(
            logged.stream()
                .filter(e -> e.status() == PhaseStatus.FAILED)
                .findFirst()
                .orElseThrow()
                .rollbackToPhase())
        .isEqualTo(SyncPhase.STAGE);
  }

  @Test
  void rollbackNoneLeavesEverythingInPlace() {
    failAt(SyncPhase.COMMIT);
    SyncOptions none = new SyncOptions(null, Rollback.NONE, null, null);

    assertThatThrownBy(() -> job(request(none)).run(request(none)))
        .isInstanceOf(WorkflowFailedException.class);

    verify(sink, never()).restoreCommitted(any());
    verify(sink, never()).dropStaged(any());
    assertThat(rows()).doesNotContain("COMMIT ROLLED_BACK");
  }

  @Test
  void retryFromPhaseReRunsThePreviousPhaseOnceAndGoesOn() {
    when(sink.commit(any())).thenThrow(forGood("COMMIT broke")).thenReturn(98L);
    SyncOptions retry = new SyncOptions(null, null, true, null);

    SyncOutcome outcome = job(request(retry)).run(request(retry));

    assertThat(outcome.succeeded()).isTrue();
    verify(sink, times(2)).stage(any());
    verify(sink, times(2)).commit(any());
    verify(sink, never()).restoreCommitted(any());
  }

  @Test
  void aFailingAuditLogOrNotificationDoesNotFailTheJob() {
    doThrow(forGood("database down")).when(phaseLog).record(any());
    doThrow(forGood("smtp down")).when(notifier).notify(any());

    SyncOutcome outcome = job(request(null)).run(request(null));

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.committed()).isEqualTo(98);
  }

  @Test
  void aPhaseOverItsSlaIsFlaggedAndTheJobGoesOn(TestWorkflowEnvironment env) {
    // EXTRACT is given 1 s; the mocked extract lets 5 s of test time pass (skipped, not slept).
    when(source.extract(any()))
        .thenAnswer(
            call -> {
              env.sleep(Duration.ofSeconds(5));
              return 100L;
            });
    SyncOptions tight = new SyncOptions(null, null, null, Map.of(SyncPhase.EXTRACT, 1L));
    SyncJobWorkflow job = job(request(tight));

    SyncOutcome outcome = job.run(request(tight));

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.slaOverruns()).containsExactly(SyncPhase.EXTRACT);
    assertThat(job.progress().slaOverruns()).containsExactly(SyncPhase.EXTRACT);
    PhaseLogEntry extracted =
        logged.stream()
            .filter(e -> e.phase() == SyncPhase.EXTRACT && e.status() == PhaseStatus.COMPLETED)
            .findFirst()
            .orElseThrow();
    assertThat(extracted.metadata())
        .containsEntry("sla_overrun", "true")
        .containsEntry("sla_ms", "1000");
    assertThat(extracted.durationMs()).isGreaterThanOrEqualTo(5000);
  }

  @Test
  void cancellingARunningJobUndoesWhatItDid() throws InterruptedException {
    CountDownLatch transforming = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    when(sink.transform(any()))
        .thenAnswer(
            call -> {
              transforming.countDown();
              // Holds the activity slot until the test is done; the workflow does not wait on it.
              release.await(30, TimeUnit.SECONDS);
              return 100L;
            });
    SyncJobWorkflow job = job(request(null));
    WorkflowClient.start(job::run, request(null));
    assertThat(transforming.await(30, TimeUnit.SECONDS)).isTrue();

    WorkflowStub.fromTyped(job).cancel();

    assertThatThrownBy(() -> WorkflowStub.fromTyped(job).getResult(SyncOutcome.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    release.countDown();
    InOrder undo = inOrder(sink, source);
    undo.verify(sink).discardTransformed(any());
    undo.verify(source).discardExtracted(any());
    assertThat(rows()).contains("TRANSFORM FAILED", "TRANSFORM ROLLED_BACK", "EXTRACT ROLLED_BACK");
  }

  private void failAt(SyncPhase phase) {
    ApplicationFailure broke = forGood(phase + " broke");
    switch (phase) {
      case EXTRACT -> when(source.extract(any())).thenThrow(broke);
      case TRANSFORM -> when(sink.transform(any())).thenThrow(broke);
      case VALIDATE -> when(sink.validate(any())).thenThrow(broke);
      case STAGE -> when(sink.stage(any())).thenThrow(broke);
      case COMMIT -> when(sink.commit(any())).thenThrow(broke);
      default -> throw new IllegalArgumentException(phase.name());
    }
  }
}
