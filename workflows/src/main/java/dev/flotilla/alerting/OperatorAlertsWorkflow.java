package dev.flotilla.alerting;

import dev.flotilla.common.FlotillaSearchAttributes;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Operator alerting: one long-running workflow per namespace that hears about every failed and
 * every recovered operation, opens one incident when an operation fails {@code consecutiveFailures}
 * times in a row, and has it delivered to every configured channel once.
 *
 * <p>Workers start it on demand with signal-with-start on the fixed {@link #WORKFLOW_ID}, so nobody
 * has to start it by hand and there is never more than one.
 */
@WorkflowInterface
public interface OperatorAlertsWorkflow {
  String TYPE = "OperatorAlerts";
  String WORKFLOW_ID = "operator-alerts";
  String KIND = "operator-alerts";
  String FAILED = "failed";
  String SUCCEEDED = "succeeded";

  @WorkflowMethod(name = TYPE)
  void run(OperatorAlertsInput input);

  /** An attempt of an operation failed. */
  @SignalMethod(name = FAILED)
  void failed(FailureReport report);

  /** An operation succeeded: its failure count resets and its open incident, if any, closes. */
  @SignalMethod(name = SUCCEEDED)
  void succeeded(String operation);

  /** The latest incidents, oldest first, at most {@value OperatorAlertsWorkflowImpl#HISTORY}. */
  @QueryMethod
  List<AlertRecord> alerts();

  /** Operations failing right now, with their count of failures in a row. */
  @QueryMethod
  List<OperationState> failing();

  /** How a worker starts it (with signal-with-start): the fixed ID on the given task queue. */
  static WorkflowOptions startOptions(String taskQueue) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(WORKFLOW_ID)
        .setTaskQueue(taskQueue)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(FlotillaSearchAttributes.KIND, KIND)
                .set(FlotillaSearchAttributes.STAGE, "Watching")
                .build())
        .build();
  }
}
