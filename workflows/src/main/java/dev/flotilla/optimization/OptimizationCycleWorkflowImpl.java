package dev.flotilla.optimization;

import static dev.flotilla.common.ActivityPresets.summarized;

import dev.flotilla.approval.ApprovalActivities;
import dev.flotilla.approval.ApprovalOutcome;
import dev.flotilla.approval.ApprovalRequest;
import dev.flotilla.approval.ApprovalWorkflow;
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

  /** Approval children open at once: below Temporal's 2,000 limit and Flotilla's own 500. */
  static final int APPROVALS_IN_FLIGHT = 400;

  private final CycleProgressTracker progress = new CycleProgressTracker();
  private StageAudit audit;

  @Override
  public CycleResult run(CycleRequest request) {
    request.validate();
    long startedAt = Workflow.currentTimeMillis();
    String workflowId = Workflow.getInfo().getWorkflowId();
    String cycleId = workflowId + "@" + Workflow.getInfo().getFirstExecutionRunId();
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
    List<ApprovalOutcome> decisions =
        stage(
            CycleStage.APPROVAL_REQUEST_CREATION,
            () -> requestApprovals(cycleId, workflowId, request, batches));

    failures.addAll(findings.failures());
    failures.addAll(proposals.failures());
    for (ApprovalOutcome decision : decisions) {
      if (decision.execution() != null && decision.execution().failure() != null) {
        failures.add(
            "Execution of " + decision.approvalId() + ": " + decision.execution().failure());
      }
    }
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
            decisions.size(),
            count(decisions, dev.flotilla.approval.ApprovalState.APPROVED),
            count(decisions, dev.flotilla.approval.ApprovalState.REJECTED),
            count(decisions, dev.flotilla.approval.ApprovalState.EXPIRED),
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

  /** One approval child per batch; the cycle ends when every batch is decided or expired. */
  private List<ApprovalOutcome> requestApprovals(
      String cycleId, String workflowId, CycleRequest request, List<BatchRef> batches) {
    progress.batches = batches.size();
    if (batches.isEmpty()) {
      return List.of();
    }
    ApprovalActivities approvals =
        Workflow.newActivityStub(
            ApprovalActivities.class,
            summarized(ActivityPresets.QUICK, "Approvers for " + request.scope().key()));
    List<String> approvers = approvals.approversFor(request.scope().key());
    List<ApprovalOutcome> outcomes = new ArrayList<>();
    List<Promise<ApprovalOutcome>> open = new ArrayList<>();
    for (BatchRef batch : batches) {
      String approvalId =
          ApprovalWorkflow.approvalId(
              request.scope().key(), Workflow.getInfo().getFirstExecutionRunId(), batch.index());
      ApprovalWorkflow approval =
          Workflow.newChildWorkflowStub(
              ApprovalWorkflow.class,
              ChildWorkflowOptions.newBuilder()
                  .setWorkflowId(approvalId)
                  .setStaticSummary(
                      "Batch "
                          + batch.index()
                          + ": "
                          + batch.recommendations()
                          + " recommendations, $"
                          + Math.round(batch.savingsUsd())
                          + "/month")
                  .build());
      ApprovalRequest approvalRequest =
          new ApprovalRequest(
              approvalId,
              cycleId,
              workflowId,
              request.scope().key(),
              batch.index(),
              batch.recommendations(),
              batch.savingsUsd(),
              approvers,
              request.approvalEscalateHours(),
              request.approvalExpireHours(),
              request.dryRun());
      open.add(Async.function(approval::run, approvalRequest).thenApply(this::decided));
      Workflow.getWorkflowExecution(approval).thenApply(this::created);
      if (open.size() == APPROVALS_IN_FLIGHT) {
        outcomes.add(awaitAny(open));
      }
    }
    for (Promise<ApprovalOutcome> promise : open) {
      outcomes.add(promise.get());
    }
    return outcomes;
  }

  private WorkflowExecution created(WorkflowExecution execution) {
    progress.approvalsCreated++;
    progress.approvalsPending++;
    return execution;
  }

  private ApprovalOutcome decided(ApprovalOutcome outcome) {
    progress.approvalsPending--;
    return outcome;
  }

  private static ApprovalOutcome awaitAny(List<Promise<ApprovalOutcome>> open) {
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

  private static int count(
      List<ApprovalOutcome> outcomes, dev.flotilla.approval.ApprovalState state) {
    return (int) outcomes.stream().filter(o -> o.state() == state).count();
  }
}
