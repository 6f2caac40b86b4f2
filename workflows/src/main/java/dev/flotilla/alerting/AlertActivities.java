package dev.flotilla.alerting;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Tells operators about an incident on every configured channel. */
@ActivityInterface
public interface AlertActivities {
  String DELIVER = "DeliverAlert";

  /**
   * Delivers the alert to every channel that has not yet received it for this incident. Fails
   * (retryable) while any channel still fails, so a retry sends only to the channels still missing.
   */
  @ActivityMethod(name = DELIVER)
  DeliveryReport deliver(Alert alert);
}
