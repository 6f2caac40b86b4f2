package dev.flotilla.alerting;

/**
 * How one channel fared with one alert.
 *
 * @param channel {@code email}, {@code slack} or {@code webhook:<name>}
 * @param status what happened on this attempt
 * @param attempts how many times this channel was tried for this incident, across activity retries
 * @param error why it failed, without secrets; null when delivered
 */
public record AlertDelivery(String channel, Status status, int attempts, String error) {

  public enum Status {
    /** Sent on this attempt. */
    DELIVERED,
    /** Sent on an earlier attempt of the same incident, so skipped. */
    ALREADY_DELIVERED,
    /** Failed in a way a retry may fix (a timeout, a 5xx, a refused connection). */
    FAILED,
    /** Refused for good (a 4xx, bad credentials); a retry would be refused again. */
    REJECTED
  }

  public boolean sent() {
    return status == Status.DELIVERED || status == Status.ALREADY_DELIVERED;
  }
}
