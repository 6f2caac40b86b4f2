package dev.flotilla.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "describe",
    description =
        "Show a workflow: status, current stage, pending work and approvals, result or failure.")
public final class DescribeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "WORKFLOW_ID")
  String workflowId;

  @Option(names = "--run-id", description = "a specific run (default: the latest)")
  String runId;

  @Override
  public Integer call() {
    try (TemporalConnection temporal = connection.open()) {
      Describer.WorkflowView view = Describer.describe(temporal, workflowId, runId);
      PrintWriter out = spec.commandLine().getOut();
      if (output.json()) {
        OutputOptions.printJson(out, view);
      } else {
        print(out, view);
      }
      return Describer.succeeded(view.status())
          ? ExitCode.OK
          : ExitCode.WORKFLOW_FAILED_OR_NOT_FOUND;
    }
  }

  static void print(PrintWriter out, Describer.WorkflowView view) {
    out.printf("Workflow   %s%n", view.workflowId());
    out.printf("Run        %s%n", view.runId());
    out.printf(
        "Type       %s%s%n", view.type(), view.kind() == null ? "" : " (" + view.kind() + ")");
    out.printf("Status     %s%n", view.status());
    if (view.stage() != null) {
      out.printf("Stage      %s%n", view.stage());
    }
    if (view.scope() != null) {
      out.printf("Scope      %s%n", view.scope());
    }
    out.printf("Started    %s%n", view.started());
    if (view.closed() != null) {
      out.printf("Closed     %s%n", view.closed());
    }
    out.printf("History    %d events%n", view.historyEvents());
    for (var activity : view.pendingActivities()) {
      out.printf(
          "Pending    activity %s (%s, attempt %d)%s%n",
          activity.type(),
          activity.state(),
          activity.attempt(),
          activity.lastFailure() == null ? "" : " last failure: " + activity.lastFailure());
    }
    for (var approval : view.pendingApprovals()) {
      out.printf("Approval   %s is waiting for a decision%n", approval.workflowId());
    }
    for (var child : view.pendingChildren()) {
      if (!view.pendingApprovals().contains(child)) {
        out.printf("Child      %s (%s)%n", child.workflowId(), child.type());
      }
    }
    if (view.progress() != null) {
      out.printf("Progress   %s%n", Describer.oneLineJson(view.progress()));
    }
    if (view.result() != null) {
      out.printf("Result     %s%n", Describer.oneLineJson(view.result()));
    }
    if (view.failure() != null) {
      out.printf("Failure    %s%n", view.failure());
    }
  }
}
