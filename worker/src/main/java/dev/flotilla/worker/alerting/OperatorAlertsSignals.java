package dev.flotilla.worker.alerting;

import dev.flotilla.alerting.FailureReport;
import dev.flotilla.alerting.OperatorAlertsInput;
import dev.flotilla.alerting.OperatorAlertsWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.function.Supplier;

/**
 * Tells the namespace's one {@code operator-alerts} workflow about failures and recoveries, with
 * signal-with-start: the first failure anywhere starts it, later ones join the running one.
 */
public final class OperatorAlertsSignals {
  private final Supplier<WorkflowClient> client;
  private final WorkflowOptions options;
  private final OperatorAlertsInput firstRun;

  /**
   * @param client a supplier, because the test environment creates its client after its workers
   * @param taskQueue where the alerting workflow's tasks go
   * @param consecutiveFailures the threshold a newly started workflow uses; a running one keeps its
   *     own until it is restarted
   */
  public OperatorAlertsSignals(
      Supplier<WorkflowClient> client, String taskQueue, int consecutiveFailures) {
    this.client = client;
    this.options = OperatorAlertsWorkflow.startOptions(taskQueue);
    this.firstRun = OperatorAlertsInput.alertingAfter(consecutiveFailures);
  }

  public void failed(FailureReport report) {
    signalWithStart(OperatorAlertsWorkflow.FAILED, report);
  }

  public void succeeded(String operation) {
    signalWithStart(OperatorAlertsWorkflow.SUCCEEDED, operation);
  }

  private void signalWithStart(String signal, Object argument) {
    client
        .get()
        .newUntypedWorkflowStub(OperatorAlertsWorkflow.TYPE, options)
        .signalWithStart(signal, new Object[] {argument}, new Object[] {firstRun});
  }
}
