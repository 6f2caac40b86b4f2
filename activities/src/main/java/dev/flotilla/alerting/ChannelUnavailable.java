package dev.flotilla.alerting;

/** A channel could not take an alert now (a 5xx, a timeout, a refused connection). */
final class ChannelUnavailable extends RuntimeException {
  ChannelUnavailable(String message) {
    super(message, null, false, false);
  }
}
