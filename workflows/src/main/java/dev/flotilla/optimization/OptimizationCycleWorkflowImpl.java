package dev.flotilla.optimization;

import static dev.flotilla.common.ActivityPresets.summarized;

import dev.flotilla.approval.ApprovalActivities;
import dev.flotilla.approval.ApprovalOutcome;
import dev.flotilla.audit.StageAudit;
import dev.flotilla.common.ActivityPresets;
import dev.flotilla.common.Failures;
import dev.flotilla.common.FlotillaSearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

public final class OptimizationCycleWorkflowImpl implements OptimizationCycleWorkflow {
  static final String KIND = "optimization-cycle";

  /** Analysis activities per child workflow: keeps each child's history small. */
  static final int BATCHES_PER_CHILD = 100;

  /** Analysis activities in flight at once in one child. */
  static final int CHILD_PARALLELISM = 10;

  /** Children in flight at once, per pass. */
  static final int CHILDREN_IN_FLIGHT = 20;

  /**
   * Approval children one workflow has open at most: below Temporal's 2,000 and Flotilla's own 500.
   * A cycle with more batches asks for them through approval groups of this size.
   */
  static final int APPROVALS_PER_GROUP = 400;

  /** Approval groups open at once: 400 groups of 400 is 160,000 batches before any waits. */
  static final int GROUPS_IN_FLIGHT = 400;

  private final CycleProgressTracker progress = new CycleProgressTracker();
  private StageAudit audit;

  @Override
  public CycleResult run(CycleRequest request) {
    request.validate();
    long startedAt = Workflow.currentTimeMillis();
    String workflowId = Workflow.getInfo().getWorkflowId();
    // The run as first started: a cron run's own (cron runs share their first execution's run ID,
    // and each run must collect, batch and execute under its own identity), yet unchanged by a
    // reset. For a cycle started once it is the first run's ID, as it always was.
    String runId = Workflow.getInfo().getOriginalExecutionRunId();
    String cycleId = workflowId + "@" + runId;
    String scopeKey = request.scope().key();
    audit = new StageAudit(workflowId, KIND, request.requestedBy());
    Workflow.upsertTypedSearchAttributes(FlotillaSearchAttributes.SCOPE.valueSet(scopeKey));
    List<String> failures = new ArrayList<>();

    InventorySnapshot inventory =
        stage(CycleStage.METRIC_RETRIEVAL, () -> collect(cycleId, request, failures));
    BatchTally findings =
        stage(
            CycleStage.ANALYSIS,
            () -> overInventory(BatchRange.BatchPass.ANALYZE, cycleId, inventory, request));
    BatchTally proposals =
        stage(
            CycleStage.RECOMMENDATION_GENERATION,
            () -> overInventory(BatchRange.BatchPass.RECOMMEND, cycleId, inventory, request));
    stage(
        CycleStage.DEPENDENCY_DETECTION,
        () -> analysis("Dependency Detection").groupDependencies(cycleId));
    List<BatchRef> batches =
        stage(
            CycleStage.BATCHING,
            () -> analysis("Batching").packBatches(cycleId, request.batchSize()));
    ApprovalTally decisions =
        stage(
            CycleStage.APPROVAL_REQUEST_CREATION,
            () -> requestApprovals(cycleId, workflowId, runId, request, batches));

    failures.addAll(findings.failures());
    failures.addAll(proposals.failures());
    failures.addAll(decisions.executionFailures());
    CycleResult result =
        new CycleResult(
            cycleId,
            scopeKey,
            inventory.resources(),
            findings.processed(),
            findings.failed() + proposals.failed(),
            findings.counts(),
            proposals.counts(),
            Math.round(proposals.savingsUsd() * 100) / 100.0,
            decisions.created(),
            decisions.approved(),
            decisions.rejected(),
            decisions.expired(),
            failures.stream().limit(BatchTally.MAX_FAILURES).toList(),
            (Workflow.currentTimeMillis() - startedAt) / 1000);
    return stage(CycleStage.AUDIT, () -> recordCycle(result));
  }

  @Override
  public CycleProgress progress() {
    return progress.snapshot();
  }

  /** Runs one stage: visible in the query, the search attribute and the audit trail. */
  private <T> T stage(CycleStage stage, Supplier<T> work) {
    progress.stage = stage.title();
    Workflow.upsertTypedSearchAttributes(FlotillaSearchAttributes.STAGE.valueSet(stage.title()));
    audit.record(stage.title(), "stage-started", Map.of());
    T result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      audit.record(stage.title(), "stage-failed", Map.of("cause", String.valueOf(e.getMessage())));
      throw e;
    }
    audit.record(stage.title(), "stage-completed", Map.of());
    progress.completedStages.add(stage.title());
    return result;
  }

  private InventorySnapshot collect(String cycleId, CycleRequest request, List<String> failures) {
    Instant to = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    Instant from = to.minus(Duration.ofHours(request.windowHours()));
    InventoryActivities inventory =
        Workflow.newActivityStub(
            InventoryActivities.class,
            summarized(ActivityPresets.SCAN, "Metric Retrieval: " + request.scope().key()));
    try {
      InventorySnapshot snapshot =
          inventory.collect(new CollectRequest(cycleId, request.scope(), from, to));
      progress.resourcesSeen = snapshot.resources();
      return snapshot;
    } catch (ActivityFailure e) {
      if (!request.continueOnError()) {
        throw e;
      }
      // Pages stored before the failure are not analysed: a partial inventory would make
      // recommendations about an account the cycle has not seen whole.
      failures.add("Metric Retrieval: " + Failures.rootMessage(e));
      return new InventorySnapshot(0, 0);
    }
  }

  /** One pass over the stored inventory, split across child workflows. */
  private BatchTally overInventory(
      BatchRange.BatchPass pass,
      String cycleId,
      InventorySnapshot inventory,
      CycleRequest request) {
    int perChild = BATCHES_PER_CHILD * request.batchSize();
    List<Promise<BatchTally>> inFlight = new ArrayList<>();
    BatchTally total = BatchTally.empty();
    for (int offset = 0, child = 0; offset < inventory.resources(); offset += perChild, child++) {
      int count = Math.min(perChild, inventory.resources() - offset);
      ResourceBatchWorkflow batch =
          Workflow.newChildWorkflowStub(
              ResourceBatchWorkflow.class,
              ChildWorkflowOptions.newBuilder()
                  .setWorkflowId(
                      Workflow.getInfo().getWorkflowId()
                          + "/"
                          + pass.name().toLowerCase()
                          + "/"
                          + child)
                  .setStaticSummary(
                      pass.name().toLowerCase()
                          + " resources "
                          + offset
                          + "-"
                          + (offset + count - 1))
                  .build());
      BatchRange range =
          new BatchRange(
              cycleId,
              pass,
              offset,
              count,
              request.batchSize(),
              CHILD_PARALLELISM,
              request.continueOnError(),
              request.thresholds(),
              BatchTally.empty());
      inFlight.add(Async.function(batch::process, range));
      if (inFlight.size() == CHILDREN_IN_FLIGHT) {
        total = total.plus(drain(inFlight));
      }
    }
    total = total.plus(drain(inFlight));
    if (pass == BatchRange.BatchPass.ANALYZE) {
      progress.resourcesAnalyzed = total.processed();
      progress.resourcesFailed = total.failed();
    } else {
      progress.recommendations = total.counts().values().stream().mapToInt(Integer::intValue).sum();
    }
    return total;
  }

  private static BatchTally drain(List<Promise<BatchTally>> inFlight) {
    BatchTally total = BatchTally.empty();
    for (Promise<BatchTally> promise : inFlight) {
      total = total.plus(promise.get());
    }
    inFlight.clear();
    return total;
  }

  private AnalysisActivities analysis(String summary) {
    return Workflow.newActivityStub(
        AnalysisActivities.class, summarized(ActivityPresets.ANALYSIS, summary));
  }

  /**
   * One approval child per batch, all asked for at once; the stage ends when every batch is decided
   * or expired. Up to {@link #APPROVALS_PER_GROUP} batches the cycle starts the approvals itself.
   * Beyond that it starts one {@link ApprovalGroupWorkflow} per {@link #APPROVALS_PER_GROUP}
   * batches, and each group starts and awaits its share: no workflow has more than that many
   * approvals open, and the cycle's history grows by groups, not batches.
   */
  private ApprovalTally requestApprovals(
      String cycleId,
      String workflowId,
      String runId,
      CycleRequest request,
      List<BatchRef> batches) {
    progress.batches = batches.size();
    if (batches.isEmpty()) {
      return ApprovalTally.EMPTY;
    }
    ApprovalActivities approvals =
        Workflow.newActivityStub(
            ApprovalActivities.class,
            summarized(ActivityPresets.QUICK, "Approvers for " + request.scope().key()));
    List<String> approvers = approvals.approversFor(request.scope().key());
    ApprovalGroup all =
        new ApprovalGroup(
            0,
            cycleId,
            workflowId,
            runId,
            request.scope().key(),
            approvers,
            request.approvalEscalateHours(),
            request.approvalExpireHours(),
            request.dryRun(),
            batches);
    return batches.size() <= APPROVALS_PER_GROUP ? approveHere(all) : approveInGroups(all);
  }

  private ApprovalTally approveHere(ApprovalGroup group) {
    List<Promise<ApprovalOutcome>> open = new ArrayList<>();
    for (BatchRef batch : group.batches()) {
      ApprovalChildren.Started approval = ApprovalChildren.start(group, batch);
      open.add(approval.outcome().thenApply(this::decided));
      approval.execution().thenApply(this::created);
    }
    ApprovalTally tally = ApprovalTally.EMPTY;
    for (Promise<ApprovalOutcome> promise : open) {
      tally = tally.plus(ApprovalTally.of(promise.get()));
    }
    return tally;
  }

  private ApprovalTally approveInGroups(ApprovalGroup all) {
    List<Promise<ApprovalTally>> open = new ArrayList<>();
    ApprovalTally tally = ApprovalTally.EMPTY;
    List<BatchRef> batches = all.batches();
    for (int from = 0, index = 0; from < batches.size(); from += APPROVALS_PER_GROUP, index++) {
      List<BatchRef> share =
          batches.subList(from, Math.min(batches.size(), from + APPROVALS_PER_GROUP));
      ApprovalGroupWorkflow group =
          Workflow.newChildWorkflowStub(
              ApprovalGroupWorkflow.class,
              ChildWorkflowOptions.newBuilder()
                  .setWorkflowId(all.cycleWorkflowId() + "/approvals/" + index)
                  .setStaticSummary(
                      "Approvals for batches "
                          + share.get(0).index()
                          + "-"
                          + share.get(share.size() - 1).index())
                  .build());
      open.add(Async.function(group::run, all.part(index, share)).thenApply(this::groupDecided));
      if (open.size() == GROUPS_IN_FLIGHT) {
        tally = tally.plus(awaitAny(open));
      }
    }
    for (Promise<ApprovalTally> promise : open) {
      tally = tally.plus(promise.get());
    }
    return tally;
  }

  @Override
  public void approvalsCreated(int count) {
    progress.approvalsCreated += count;
    progress.approvalsPending += count;
  }

  private WorkflowExecution created(WorkflowExecution execution) {
    approvalsCreated(1);
    return execution;
  }

  private ApprovalOutcome decided(ApprovalOutcome outcome) {
    progress.approvalsPending--;
    return outcome;
  }

  private ApprovalTally groupDecided(ApprovalTally tally) {
    progress.approvalsPending -= tally.created();
    return tally;
  }

  private static <T> T awaitAny(List<Promise<T>> open) {
    Promise.anyOf(open).get();
    for (int i = 0; i < open.size(); i++) {
      if (open.get(i).isCompleted()) {
        return open.remove(i).get();
      }
    }
    throw new IllegalStateException("anyOf returned with nothing completed");
  }

  private CycleResult recordCycle(CycleResult result) {
    audit.record(
        CycleStage.AUDIT.title(),
        "cycle-completed",
        Map.of(
            "resourcesSeen", String.valueOf(result.resourcesSeen()),
            "recommendations", String.valueOf(result.recommendationsByAction()),
            "savingsUsd", String.valueOf(result.estimatedMonthlySavingsUsd()),
            "approved", String.valueOf(result.approved()),
            "rejected", String.valueOf(result.rejected()),
            "expired", String.valueOf(result.expired())));
    return result;
  }
}
