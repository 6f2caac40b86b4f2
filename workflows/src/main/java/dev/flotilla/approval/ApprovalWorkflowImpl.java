package dev.flotilla.approval;

import dev.flotilla.audit.StageAudit;
import dev.flotilla.common.ActivityPresets;
import dev.flotilla.common.Failures;
import dev.flotilla.common.FlotillaSearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import org.slf4j.Logger;

public final class ApprovalWorkflowImpl implements ApprovalWorkflow {
  private static final Logger log = Workflow.getLogger(ApprovalWorkflowImpl.class);
  static final String KIND = "approval";
  static final String STAGE = "Approval";

  private final ApprovalRequest request;
  private final StageAudit audit;
  private final ApprovalActivities approvals =
      Workflow.newActivityStub(ApprovalActivities.class, ActivityPresets.QUICK);
  private final ApprovalActivities execution =
      Workflow.newActivityStub(
          ApprovalActivities.class,
          ActivityPresets.summarized(ActivityPresets.EXECUTION, "Execute approved batch"));

  /** Decisions as they arrive; checked in the workflow's own thread, where audits can run. */
  private final Queue<Decision> inbox = new ArrayDeque<>();

  private ApprovalState state = ApprovalState.PENDING;
  private String decidedBy;
  private String comment;
  private boolean escalated;
  private int ignoredDecisions;
  private int decisionsSeen;

  @WorkflowInit
  public ApprovalWorkflowImpl(ApprovalRequest request) {
    // Set before any signal is handled, so an early decide is checked against the right list.
    this.request = request;
    this.audit = new StageAudit(request.approvalId(), KIND, "flotilla");
  }

  @Override
  public ApprovalOutcome run(ApprovalRequest request) {
    Workflow.upsertTypedSearchAttributes(
        FlotillaSearchAttributes.KIND.valueSet(KIND),
        FlotillaSearchAttributes.SCOPE.valueSet(request.scopeKey()),
        FlotillaSearchAttributes.STAGE.valueSet("Waiting for decision"));
    audit.record(
        STAGE,
        "",
        "requested",
        "flotilla",
        Map.of("approvers", String.join(",", request.approvers())));
    remind(request, false);

    awaitDecision(Duration.ofHours(request.escalateAfterHours()));
    if (state == ApprovalState.PENDING) {
      escalated = true;
      Workflow.upsertTypedSearchAttributes(FlotillaSearchAttributes.STAGE.valueSet("Escalated"));
      audit.record(STAGE, "", "escalated", "flotilla", Map.of());
      remind(request, true);
      awaitDecision(Duration.ofHours(request.expireAfterHours() - request.escalateAfterHours()));
    }
    if (state == ApprovalState.PENDING) {
      state = ApprovalState.EXPIRED;
      audit.record(STAGE, "", "expired", "flotilla", Map.of());
    }
    Workflow.upsertTypedSearchAttributes(FlotillaSearchAttributes.STAGE.valueSet(title(state)));

    ExecutionReport report = null;
    if (state == ApprovalState.APPROVED) {
      report = execute(request);
    }
    // Decisions that arrived after the first valid one are recorded too, and change nothing.
    while (!inbox.isEmpty()) {
      consider(inbox.remove());
    }
    return new ApprovalOutcome(request.approvalId(), state, decidedBy, report);
  }

  /**
   * Hands the approved batch to the execution activity. An execution that fails for good (access
   * denied, a resource AWS will not change) is audited and reported in the outcome; the decision
   * stands, and the actions done before the failure stay recorded.
   */
  private ExecutionReport execute(ApprovalRequest request) {
    ExecutionReport report;
    try {
      report =
          execution.execute(
              new ExecutionRequest(
                  request.approvalId(), request.cycleId(), request.batchIndex(), request.dryRun()));
    } catch (ActivityFailure e) {
      String cause = Failures.rootMessage(e);
      Workflow.upsertTypedSearchAttributes(
          FlotillaSearchAttributes.STAGE.valueSet("Execution failed"));
      audit.record(
          STAGE,
          "",
          "execution-failed",
          decidedBy,
          Map.of("dryRun", String.valueOf(request.dryRun()), "cause", cause));
      return ExecutionReport.failed(request.dryRun(), cause);
    }
    audit.record(
        STAGE,
        "",
        "executed",
        decidedBy,
        Map.of(
            "actions",
            String.valueOf(report.actions()),
            "dryRun",
            String.valueOf(report.dryRun())));
    return report;
  }

  /** A reminder that cannot be delivered is logged; the approval still waits and expires. */
  private void remind(ApprovalRequest request, boolean escalation) {
    try {
      approvals.remind(request, escalation);
    } catch (ActivityFailure e) {
      log.warn(
          "{} for {} not delivered: {}",
          escalation ? "escalation" : "reminder",
          request.approvalId(),
          e.getMessage());
    }
  }

  @Override
  public void decide(Decision decision) {
    inbox.add(decision);
  }

  @Override
  public ApprovalStatus status() {
    return new ApprovalStatus(
        request.approvalId(),
        state,
        decidedBy,
        comment,
        escalated,
        ignoredDecisions,
        request.recommendations(),
        request.savingsUsd());
  }

  /** Waits up to {@code timeout} on a durable timer for the first valid decision. */
  private void awaitDecision(Duration timeout) {
    long deadline = Workflow.currentTimeMillis() + timeout.toMillis();
    while (state == ApprovalState.PENDING) {
      long remaining = deadline - Workflow.currentTimeMillis();
      if (remaining <= 0 || !Workflow.await(Duration.ofMillis(remaining), () -> !inbox.isEmpty())) {
        return;
      }
      consider(inbox.remove());
    }
  }

  /** The first decision by a listed approver wins; every other one is recorded and ignored. */
  private void consider(Decision decision) {
    decisionsSeen++;
    String approver =
        decision == null || decision.approver() == null ? "" : decision.approver().strip();
    String why = rejectionReason(decision, approver);
    if (why != null) {
      ignoredDecisions++;
      audit.record(
          STAGE,
          "decision-" + decisionsSeen,
          "decision-ignored",
          approver.isEmpty() ? "unknown" : approver,
          Map.of(
              "reason",
              why,
              "decision",
              String.valueOf(decision == null ? null : decision.decision())));
      return;
    }
    state =
        decision.decision() == Decision.Kind.APPROVE
            ? ApprovalState.APPROVED
            : ApprovalState.REJECTED;
    decidedBy = approver;
    comment = decision.comment();
    audit.record(
        STAGE,
        "",
        "decided",
        approver,
        Map.of("decision", decision.decision().name(), "comment", comment == null ? "" : comment));
  }

  private String rejectionReason(Decision decision, String approver) {
    if (state != ApprovalState.PENDING) {
      return "already "
          + title(state).toLowerCase(Locale.ROOT)
          + (decidedBy == null ? "" : " by " + decidedBy);
    }
    if (decision == null || decision.decision() == null || approver.isEmpty()) {
      return "malformed: needs decision APPROVE or REJECT and an approver";
    }
    boolean listed =
        request.approvers().stream()
            .anyMatch(a -> a.strip().equalsIgnoreCase(approver.toLowerCase(Locale.ROOT)));
    if (!listed) {
      return approver + " is not an approver for " + request.scopeKey();
    }
    return null;
  }

  private static String title(ApprovalState state) {
    return switch (state) {
      case PENDING -> "Waiting for decision";
      case APPROVED -> "Approved";
      case REJECTED -> "Rejected";
      case EXPIRED -> "Expired";
    };
  }
}
