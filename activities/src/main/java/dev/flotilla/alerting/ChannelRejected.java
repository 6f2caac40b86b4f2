package dev.flotilla.alerting;

/** A channel refused an alert in a way no retry can fix (a 4xx, a bad login, a bad address). */
final class ChannelRejected extends RuntimeException {
  ChannelRejected(String message) {
    super(message, null, false, false);
  }
}
