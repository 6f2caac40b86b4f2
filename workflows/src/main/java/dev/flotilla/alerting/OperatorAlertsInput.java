package dev.flotilla.alerting;

import dev.flotilla.common.InvalidInputException;
import dev.flotilla.common.WorkflowInput;
import java.util.List;

/**
 * The alerting workflow's input, and the state it carries into its next run when it continues as
 * new.
 *
 * @param consecutiveFailures failures in a row that open an incident (settings {@code
 *     alerts.consecutiveFailures}, default 3)
 * @param failing operations failing right now, carried over from the previous run
 * @param history the latest incidents, newest last, carried over from the previous run
 * @param incidentsOpened incidents opened in this namespace so far: the sequence that makes each
 *     incident ID unique
 * @param signalsPerRun how many signals one run handles before it continues as new; null for the
 *     default. Tests set it small to exercise continue-as-new.
 */
public record OperatorAlertsInput(
    Integer consecutiveFailures,
    List<OperationState> failing,
    List<AlertRecord> history,
    long incidentsOpened,
    Integer signalsPerRun)
    implements WorkflowInput {

  public static final int DEFAULT_CONSECUTIVE_FAILURES = 3;

  public OperatorAlertsInput {
    consecutiveFailures =
        consecutiveFailures == null ? DEFAULT_CONSECUTIVE_FAILURES : consecutiveFailures;
    failing = failing == null ? List.of() : List.copyOf(failing);
    history = history == null ? List.of() : List.copyOf(history);
  }

  /** A first run that alerts after the given number of failures in a row. */
  public static OperatorAlertsInput alertingAfter(int consecutiveFailures) {
    return new OperatorAlertsInput(consecutiveFailures, null, null, 0, null);
  }

  @Override
  public String workflowId() {
    return OperatorAlertsWorkflow.WORKFLOW_ID;
  }

  @Override
  public void validate() {
    if (consecutiveFailures < 1) {
      throw new InvalidInputException(
          "operator-alerts: 'consecutiveFailures' must be at least 1, not " + consecutiveFailures);
    }
    if (signalsPerRun != null && signalsPerRun < 1) {
      throw new InvalidInputException(
          "operator-alerts: 'signalsPerRun' must be at least 1 when given");
    }
  }
}
