package dev.flotilla.alerting;

import java.time.Instant;
import java.util.List;

/**
 * An incident as the alert history shows it: the alert, whether the operation has recovered, and
 * how the delivery went.
 *
 * @param alert what operators were told
 * @param state open until the operation next succeeds
 * @param failures failures in a row so far in this incident
 * @param lastError the latest failure's type and message
 * @param closedAt when the operation succeeded again; null while open
 * @param delivery where the delivery stands
 * @param deliveries the channels' outcomes, once the delivery activity has answered
 * @param deliveryProblem why delivery gave up, when it did
 */
public record AlertRecord(
    Alert alert,
    State state,
    int failures,
    String lastError,
    Instant closedAt,
    Delivery delivery,
    List<AlertDelivery> deliveries,
    String deliveryProblem) {

  public enum State {
    OPEN,
    CLOSED
  }

  public enum Delivery {
    PENDING,
    DELIVERED,
    FAILED
  }

  public AlertRecord {
    deliveries = deliveries == null ? List.of() : List.copyOf(deliveries);
  }

  public static AlertRecord opened(Alert alert) {
    return new AlertRecord(
        alert,
        State.OPEN,
        alert.consecutiveFailures(),
        alert.lastError(),
        null,
        Delivery.PENDING,
        List.of(),
        null);
  }

  public String incidentId() {
    return alert.incidentId();
  }

  AlertRecord failedAgain(int failuresInARow, String error) {
    return new AlertRecord(
        alert, state, failuresInARow, error, closedAt, delivery, deliveries, deliveryProblem);
  }

  AlertRecord closed(Instant at) {
    return new AlertRecord(
        alert, State.CLOSED, failures, lastError, at, delivery, deliveries, deliveryProblem);
  }

  AlertRecord delivered(DeliveryReport report) {
    return new AlertRecord(
        alert, state, failures, lastError, closedAt, Delivery.DELIVERED, report.deliveries(), null);
  }

  AlertRecord deliveryFailed(String problem) {
    return new AlertRecord(
        alert, state, failures, lastError, closedAt, Delivery.FAILED, deliveries, problem);
  }
}
