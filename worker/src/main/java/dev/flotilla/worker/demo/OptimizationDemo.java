package dev.flotilla.worker.demo;

import dev.flotilla.approval.ApprovalOutcome;
import dev.flotilla.approval.ApprovalStatus;
import dev.flotilla.approval.ApprovalWorkflow;
import dev.flotilla.approval.Decision;
import dev.flotilla.common.WorkflowCatalog;
import dev.flotilla.optimization.CycleProgress;
import dev.flotilla.optimization.CycleRequest;
import dev.flotilla.optimization.CycleResult;
import dev.flotilla.optimization.OptimizationCycleWorkflow;
import dev.flotilla.optimization.Scope;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cycle over the bundled sample inventory: the person in the loop approves the first batch and
 * rejects the others, by signal, and the dry-run actions of the approved batch are shown. The
 * sample names no real resources, so the demo never asks for a real run.
 */
public final class OptimizationDemo implements DemoScenario {
  public static final Scope SCOPE =
      new Scope("sample", "123456789012", List.of("us-east-1", "us-west-2"), List.of());
  public static final String APPROVER = "demo-approver";

  /** The approvers the demo's worker is configured with. */
  public static Map<String, List<String>> approvers() {
    return Map.of(SCOPE.key(), List.of(APPROVER));
  }

  @Override
  public String name() {
    return "optimization-cycle";
  }

  @Override
  public Report run(WorkflowClient client) throws InterruptedException {
    CycleRequest request =
        new CycleRequest(SCOPE, null, null, true, null, true, null, null, "flotilla demo");
    OptimizationCycleWorkflow cycle =
        client.newWorkflowStub(
            OptimizationCycleWorkflow.class,
            WorkflowCatalog.get("optimization-cycle").startOptions(request));
    var execution = WorkflowClient.start(cycle::run, request);
    CycleProgress progress = awaitApprovals(cycle, WorkflowStub.fromTyped(cycle));
    List<String> lines = new ArrayList<>();
    lines.add("ran       OptimizationCycle " + request.workflowId() + " on the sample inventory");
    String runId = execution.getRunId();
    List<ApprovalWorkflow> approvals = new ArrayList<>();
    for (int batch = 0; batch < progress.approvalsCreated(); batch++) {
      approvals.add(
          client.newWorkflowStub(
              ApprovalWorkflow.class, ApprovalWorkflow.approvalId(SCOPE.key(), runId, batch)));
    }
    lines.add("pending   " + approvals.size() + " approvals, waiting for " + APPROVER + ":");
    for (int batch = 0; batch < Math.min(3, approvals.size()); batch++) {
      ApprovalStatus status = approvals.get(batch).status();
      lines.add(
          String.format(
              "            %s  %d recommendations, $%.2f/month",
              status.approvalId(), status.recommendations(), status.savingsUsd()));
    }
    if (approvals.size() > 3) {
      lines.add("            ... and " + (approvals.size() - 3) + " more");
    }
    approvals.get(0).decide(new Decision(Decision.Kind.APPROVE, APPROVER, "demo: go ahead"));
    for (int batch = 1; batch < approvals.size(); batch++) {
      approvals.get(batch).decide(new Decision(Decision.Kind.REJECT, APPROVER, "demo: not now"));
    }
    lines.add(
        "decided   approved batch 0, rejected "
            + (approvals.size() - 1)
            + " (signal decide, as "
            + APPROVER
            + ")");
    CycleResult result = WorkflowStub.fromTyped(cycle).getResult(CycleResult.class);
    lines.add(
        String.format(
            "result    %d resources, %d analysed; findings %s",
            result.resourcesSeen(), result.resourcesAnalyzed(), result.findingsByType()));
    lines.add(
        String.format(
            "          recommendations %s, $%.2f/month; approvals %d: %d approved, %d rejected",
            result.recommendationsByAction(),
            result.estimatedMonthlySavingsUsd(),
            result.approvalsCreated(),
            result.approved(),
            result.rejected()));
    ApprovalOutcome approved =
        client
            .newUntypedWorkflowStub(ApprovalWorkflow.approvalId(SCOPE.key(), runId, 0))
            .getResult(ApprovalOutcome.class);
    lines.add(
        "dry run   "
            + approved.execution().actions()
            + " actions recorded, not done (a cycle over source aws with dryRun false does them"
            + " in AWS), for example:");
    approved.execution().lines().stream()
        .limit(5)
        .forEach(line -> lines.add("            " + line));
    lines.add(
        "look      flotilla describe "
            + request.workflowId()
            + "; flotilla describe "
            + ApprovalWorkflow.approvalId(SCOPE.key(), runId, 0)
            + " (with demo --keep-running)");
    return new Report(result.approved() == 1 && result.resourcesSeen() > 0, lines);
  }

  /** Waits, bounded, until the cycle has asked for every approval it will ask for. */
  private static CycleProgress awaitApprovals(OptimizationCycleWorkflow cycle, WorkflowStub stub)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      CycleProgress progress = cycle.progress();
      if (progress.batches() > 0 && progress.approvalsCreated() == progress.batches()) {
        return progress;
      }
      // Batches are counted when Approval Request Creation begins, so zero means "none" only
      // once that stage is over.
      if (progress.completedStages().contains("Approval Request Creation")) {
        throw new IllegalStateException("the sample produced no recommendations to approve");
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "no approvals within 3 minutes; the cycle is at " + cycle.progress().stage());
  }
}
