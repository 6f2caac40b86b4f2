package dev.flotilla.alerting;

/** How an alert reads to a person, the same on every channel. */
final class AlertText {
  private AlertText() {}

  static Notice notice(Alert alert) {
    return new Notice(alert.incidentId(), subject(alert), body(alert), alert);
  }

  static String subject(Alert alert) {
    return "[Flotilla] "
        + alert.operation()
        + " failed "
        + alert.consecutiveFailures()
        + " times in a row";
  }

  static String body(Alert alert) {
    return String.join(
        "\n",
        "Operation:   " + alert.operation(),
        "Incident:    " + alert.incidentId(),
        "Failures:    " + alert.consecutiveFailures() + " in a row",
        "Last error:  " + alert.lastError(),
        "Opened at:   " + alert.openedAt(),
        "",
        "This is the only alert for this incident; it closes when the operation next succeeds.",
        "See every incident with: flotilla alerts");
  }
}
