package dev.flotilla.optimization;

import dev.flotilla.common.FlotillaSearchAttributes;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

public final class ApprovalGroupWorkflowImpl implements ApprovalGroupWorkflow {
  private static final Logger log = Workflow.getLogger(ApprovalGroupWorkflowImpl.class);
  static final String KIND = "approval-group";

  @Override
  public ApprovalTally run(ApprovalGroup group) {
    Workflow.upsertTypedSearchAttributes(
        FlotillaSearchAttributes.KIND.valueSet(KIND),
        FlotillaSearchAttributes.SCOPE.valueSet(group.scopeKey()),
        FlotillaSearchAttributes.STAGE.valueSet("Waiting for decisions"));
    List<ApprovalChildren.Started> approvals = new ArrayList<>();
    for (BatchRef batch : group.batches()) {
      approvals.add(ApprovalChildren.start(group, batch));
    }
    Promise.allOf(approvals.stream().map(ApprovalChildren.Started::execution).toList()).get();
    tellCycle(group);
    ApprovalTally tally = ApprovalTally.EMPTY;
    for (ApprovalChildren.Started approval : approvals) {
      tally = tally.plus(ApprovalTally.of(approval.outcome().get()));
    }
    return tally;
  }

  /** The cycle's progress counts these approvals as created; losing that changes no decision. */
  private static void tellCycle(ApprovalGroup group) {
    try {
      Workflow.newExternalWorkflowStub(OptimizationCycleWorkflow.class, group.cycleWorkflowId())
          .approvalsCreated(group.batches().size());
    } catch (RuntimeException e) {
      log.warn(
          "approval group {} of {}: progress not sent: {}",
          group.index(),
          group.cycleWorkflowId(),
          e.getMessage());
    }
  }
}
