package dev.flotilla.alerting;

import java.util.List;

/**
 * What the delivery activity did for one incident, channel by channel. Empty when no channel is
 * configured: the alert is then only in the queryable history.
 */
public record DeliveryReport(String incidentId, List<AlertDelivery> deliveries) {
  public DeliveryReport {
    deliveries = deliveries == null ? List.of() : List.copyOf(deliveries);
  }
}
