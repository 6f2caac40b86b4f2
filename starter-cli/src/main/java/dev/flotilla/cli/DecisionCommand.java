package dev.flotilla.cli;

import dev.flotilla.approval.ApprovalState;
import dev.flotilla.approval.ApprovalStatus;
import dev.flotilla.approval.ApprovalWorkflow;
import dev.flotilla.approval.Decision;
import io.temporal.client.WorkflowNotFoundException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flotilla approve|reject <approvalId> --as <approver>}: sends signal {@code decide}, the
 * same one the Web UI's Send Signal sends. Whether the decision counts is the workflow's call.
 */
abstract class DecisionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "APPROVAL_ID", description = "the approval's workflow ID")
  String approvalId;

  @Option(names = "--as", required = true, paramLabel = "APPROVER", description = "who decides")
  String approver;

  @Option(names = "--comment", description = "why, kept in the audit trail")
  String comment;

  abstract Decision.Kind kind();

  @Override
  public Integer call() {
    if (approver.isBlank()) {
      throw CliFailure.usage("--as needs the approver's name");
    }
    try (TemporalConnection temporal = connection.open()) {
      ApprovalWorkflow approval =
          temporal.client().newWorkflowStub(ApprovalWorkflow.class, approvalId);
      ApprovalStatus status;
      try {
        status = approval.status();
      } catch (WorkflowNotFoundException e) {
        throw CliFailure.notFound("no approval with ID '" + approvalId + "'");
      }
      if (status.state() != ApprovalState.PENDING) {
        throw new CliFailure(
            ExitCode.WORKFLOW_FAILED_OR_NOT_FOUND,
            "approval "
                + approvalId
                + " is already "
                + status.state().name().toLowerCase(java.util.Locale.ROOT)
                + (status.decidedBy() == null ? "" : " by " + status.decidedBy()));
      }
      approval.decide(new Decision(kind(), approver.strip(), comment));
      spec.commandLine()
          .getOut()
          .printf(
              "sent %s from %s to %s; `flotilla describe %s` shows whether it counted%n",
              kind(), approver.strip(), approvalId, approvalId);
      return ExitCode.OK;
    }
  }

  @picocli.CommandLine.Command(
      name = "approve",
      description = "Approve a batch of recommendations (signal decide).")
  static final class Approve extends DecisionCommand {
    @Override
    Decision.Kind kind() {
      return Decision.Kind.APPROVE;
    }
  }

  @picocli.CommandLine.Command(
      name = "reject",
      description = "Reject a batch of recommendations (signal decide).")
  static final class Reject extends DecisionCommand {
    @Override
    Decision.Kind kind() {
      return Decision.Kind.REJECT;
    }
  }
}
