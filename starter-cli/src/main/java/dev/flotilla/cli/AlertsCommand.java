package dev.flotilla.cli;

import dev.flotilla.alerting.AlertRecord;
import dev.flotilla.alerting.OperationState;
import dev.flotilla.alerting.OperatorAlertsWorkflow;
import io.temporal.client.WorkflowNotFoundException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "alerts",
    description =
        "Show operator alerts: the latest incidents (operations that failed too many times in a"
            + " row), their delivery, and the operations failing right now.")
public final class AlertsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  /** What {@code --output json} prints. */
  public record AlertsView(List<AlertRecord> alerts, List<OperationState> failing) {}

  @Override
  public Integer call() {
    AlertsView view;
    try (TemporalConnection temporal = connection.open()) {
      OperatorAlertsWorkflow alerting =
          temporal
              .client()
              .newWorkflowStub(OperatorAlertsWorkflow.class, OperatorAlertsWorkflow.WORKFLOW_ID);
      try {
        view = new AlertsView(alerting.alerts(), alerting.failing());
      } catch (WorkflowNotFoundException e) {
        // Workers start it on the first failure they see: nothing has failed yet.
        view = new AlertsView(List.of(), List.of());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      OutputOptions.printJson(out, view);
    } else {
      print(out, view);
    }
    return ExitCode.OK;
  }

  private static void print(PrintWriter out, AlertsView view) {
    if (view.alerts().isEmpty()) {
      out.println("no incidents");
    } else {
      out.printf(
          "%-8s %-9s %-22s %8s  %s%n", "STATE", "DELIVERY", "OPENED", "FAILURES", "INCIDENT");
      for (AlertRecord record : view.alerts()) {
        out.printf(
            "%-8s %-9s %-22s %8d  %s%n",
            record.state(),
            record.delivery(),
            record.alert().openedAt(),
            record.failures(),
            record.incidentId());
        out.printf("%51s last error: %s%n", "", record.lastError());
        if (record.deliveryProblem() != null) {
          out.printf("%51s delivery: %s%n", "", record.deliveryProblem());
        }
      }
    }
    for (OperationState state : view.failing()) {
      out.printf(
          "failing  %s: %d in a row%s%n",
          state.operation(),
          state.consecutiveFailures(),
          state.openIncidentId() == null ? "" : " (incident " + state.openIncidentId() + ")");
    }
  }
}
