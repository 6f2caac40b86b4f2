package dev.flotilla.alerting;

/** One place people are told about incidents and waiting approvals. */
interface AlertChannel {

  /** {@code email}, {@code slack} or {@code webhook:<name>}: the key deliveries are recorded by. */
  String name();

  /**
   * Sends the alert. Throws {@link ChannelRejected} when the channel refuses it for good and any
   * other runtime exception when a retry may succeed; messages never carry a secret.
   */
  void send(Notice notice);
}
