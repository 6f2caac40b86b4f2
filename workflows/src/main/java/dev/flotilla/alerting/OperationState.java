package dev.flotilla.alerting;

/**
 * An operation that is failing right now. An operation that succeeds is forgotten, so this state
 * stays as small as the set of operations currently in trouble.
 *
 * @param operation the operation's business name
 * @param consecutiveFailures failures since its last success
 * @param lastError the latest failure's type and message
 * @param openIncidentId the incident opened for this run of failures; null below the threshold
 */
public record OperationState(
    String operation, int consecutiveFailures, String lastError, String openIncidentId) {

  static OperationState healthy(String operation) {
    return new OperationState(operation, 0, null, null);
  }

  OperationState failedAgain(String error) {
    return new OperationState(operation, consecutiveFailures + 1, error, openIncidentId);
  }

  OperationState withIncident(String incidentId) {
    return new OperationState(operation, consecutiveFailures, lastError, incidentId);
  }
}
