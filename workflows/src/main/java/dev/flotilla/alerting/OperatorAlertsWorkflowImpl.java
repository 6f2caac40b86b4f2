package dev.flotilla.alerting;

import dev.flotilla.common.ActivityPresets;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

public final class OperatorAlertsWorkflowImpl implements OperatorAlertsWorkflow {
  /** Incidents kept for the {@code alerts} query; older ones live on in the channels. */
  static final int HISTORY = 200;

  /**
   * Signals one run handles before it continues as new. A signal costs at most four events and an
   * alert at most six more, so a run stays far below Temporal's 10,000-event guidance even before
   * the server suggests continuing.
   */
  static final int DEFAULT_SIGNALS_PER_RUN = 500;

  private static final Logger log = Workflow.getLogger(OperatorAlertsWorkflowImpl.class);

  private final AlertActivities channels =
      Workflow.newActivityStub(AlertActivities.class, ActivityPresets.ALERT_DELIVERY);

  private final int threshold;
  private final int signalsPerRun;
  private final Map<String, OperationState> failing = new LinkedHashMap<>();
  private final List<AlertRecord> history = new ArrayList<>();
  private final Deque<Alert> undelivered = new ArrayDeque<>();
  private long incidentsOpened;
  private int signalsThisRun;

  /** Restores the carried state before any signal handler runs, so early signals count. */
  @WorkflowInit
  public OperatorAlertsWorkflowImpl(OperatorAlertsInput input) {
    input.validate();
    threshold = input.consecutiveFailures();
    signalsPerRun = input.signalsPerRun() == null ? DEFAULT_SIGNALS_PER_RUN : input.signalsPerRun();
    input.failing().forEach(state -> failing.put(state.operation(), state));
    history.addAll(input.history());
    incidentsOpened = input.incidentsOpened();
    // Nothing undelivered is carried: a run continues as new only after its deliveries finish.
  }

  @Override
  public void run(OperatorAlertsInput input) {
    while (true) {
      Workflow.await(() -> !undelivered.isEmpty() || runIsLong());
      if (!undelivered.isEmpty()) {
        deliver(undelivered.poll());
      } else {
        Workflow.continueAsNew(carriedState());
      }
    }
  }

  @Override
  public void failed(FailureReport report) {
    signalsThisRun++;
    if (report == null || report.operation() == null || report.operation().isBlank()) {
      log.warn("ignored a failure report without an operation");
      return;
    }
    String operation = report.operation();
    OperationState state =
        failing
            .getOrDefault(operation, OperationState.healthy(operation))
            .failedAgain(report.summary());
    if (state.openIncidentId() != null) {
      // The incident is already open and delivered (or on its way): no second alert.
      replace(
          state.openIncidentId(),
          r -> r.failedAgain(state.consecutiveFailures(), state.lastError()));
      failing.put(operation, state);
    } else if (state.consecutiveFailures() >= threshold || report.finalFailure()) {
      failing.put(operation, open(state));
    } else {
      failing.put(operation, state);
    }
  }

  @Override
  public void succeeded(String operation) {
    signalsThisRun++;
    OperationState state = failing.remove(operation);
    if (state != null && state.openIncidentId() != null) {
      replace(
          state.openIncidentId(),
          r -> r.closed(Instant.ofEpochMilli(Workflow.currentTimeMillis())));
    }
  }

  @Override
  public List<AlertRecord> alerts() {
    return List.copyOf(history);
  }

  @Override
  public List<OperationState> failing() {
    return List.copyOf(failing.values());
  }

  private OperationState open(OperationState state) {
    incidentsOpened++;
    Alert alert =
        new Alert(
            state.operation() + "#" + incidentsOpened,
            state.operation(),
            state.consecutiveFailures(),
            state.lastError(),
            Instant.ofEpochMilli(Workflow.currentTimeMillis()));
    history.add(AlertRecord.opened(alert));
    if (history.size() > HISTORY) {
      history.remove(0);
    }
    undelivered.add(alert);
    return state.withIncident(alert.incidentId());
  }

  /** Retries and backoff are the activity's options; here only the outcome is recorded. */
  private void deliver(Alert alert) {
    try {
      DeliveryReport report = channels.deliver(alert);
      replace(alert.incidentId(), r -> r.delivered(report));
    } catch (ActivityFailure failure) {
      log.warn("alert {} could not be delivered", alert.incidentId());
      replace(alert.incidentId(), r -> r.deliveryFailed(reason(failure)));
    }
  }

  private static String reason(ActivityFailure failure) {
    Throwable cause = failure.getCause() == null ? failure : failure.getCause();
    return cause instanceof TemporalFailure temporal
        ? temporal.getOriginalMessage()
        : cause.getMessage();
  }

  private void replace(String incidentId, java.util.function.UnaryOperator<AlertRecord> change) {
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i).incidentId().equals(incidentId)) {
        history.set(i, change.apply(history.get(i)));
        return;
      }
    }
  }

  private boolean runIsLong() {
    return signalsThisRun >= signalsPerRun || Workflow.getInfo().isContinueAsNewSuggested();
  }

  private OperatorAlertsInput carriedState() {
    return new OperatorAlertsInput(
        threshold,
        List.copyOf(failing.values()),
        List.copyOf(history),
        incidentsOpened,
        signalsPerRun == DEFAULT_SIGNALS_PER_RUN ? null : signalsPerRun);
  }
}
