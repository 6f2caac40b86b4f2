package dev.flotilla.optimization;

import dev.flotilla.approval.ApprovalOutcome;
import dev.flotilla.approval.ApprovalRequest;
import dev.flotilla.approval.ApprovalWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;

/** Starts one approval child workflow for a batch: for the cycle itself and for its groups. */
final class ApprovalChildren {

  /**
   * @param execution completes once the approval workflow has started
   * @param outcome completes once it has been decided or has expired
   */
  record Started(Promise<WorkflowExecution> execution, Promise<ApprovalOutcome> outcome) {}

  static Started start(ApprovalGroup group, BatchRef batch) {
    String approvalId =
        ApprovalWorkflow.approvalId(group.scopeKey(), group.cycleRunId(), batch.index());
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
    ApprovalRequest request =
        new ApprovalRequest(
            approvalId,
            group.cycleId(),
            group.cycleWorkflowId(),
            group.scopeKey(),
            batch.index(),
            batch.recommendations(),
            batch.savingsUsd(),
            group.approvers(),
            group.escalateAfterHours(),
            group.expireAfterHours(),
            group.dryRun());
    Promise<ApprovalOutcome> outcome = Async.function(approval::run, request);
    return new Started(Workflow.getWorkflowExecution(approval), outcome);
  }

  private ApprovalChildren() {}
}
