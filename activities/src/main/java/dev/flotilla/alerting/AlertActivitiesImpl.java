package dev.flotilla.alerting;

import dev.flotilla.common.ActivityPresets;
import dev.flotilla.settings.FlotillaSettings;
import dev.flotilla.settings.SecretRef;
import io.temporal.failure.ApplicationFailure;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers an incident to every configured channel, once per channel: each channel's outcome is
 * recorded in {@code alert_deliveries} under the incident's business identity, and a channel that
 * already has the alert is skipped when Temporal retries this activity.
 */
public final class AlertActivitiesImpl implements AlertActivities {
  /** The failure type of an attempt on which some channel still failed; Temporal retries it. */
  public static final String DELIVERY_INCOMPLETE = "AlertDeliveryIncomplete";

  private static final Logger log = LoggerFactory.getLogger(AlertActivitiesImpl.class);

  private final List<AlertChannel> channels;
  private final AlertDeliveryStore deliveries;

  AlertActivitiesImpl(List<AlertChannel> channels, DataSource dataSource) {
    this.channels = List.copyOf(channels);
    this.deliveries = new AlertDeliveryStore(dataSource);
  }

  /** The channels {@code alerts} configures; one that is only half configured is left out. */
  public static AlertActivitiesImpl fromSettings(
      FlotillaSettings.Alerts alerts, SecretRef secrets, DataSource dataSource) {
    return fromSettings(alerts, secrets, dataSource, HttpJsonPost.defaultClient());
  }

  static AlertActivitiesImpl fromSettings(
      FlotillaSettings.Alerts alerts, SecretRef secrets, DataSource dataSource, HttpClient http) {
    HttpJsonPost post = new HttpJsonPost(http);
    List<AlertChannel> channels = new ArrayList<>();
    FlotillaSettings.Email email = alerts.email();
    if (email != null) {
      if (email.smtpHost() == null || email.from() == null || email.to().isEmpty()) {
        log.warn("alerts.email needs smtpHost, from and to; email alerts are off");
      } else {
        channels.add(new EmailChannel(email, secrets));
      }
    }
    if (alerts.slack() != null && alerts.slack().webhookUrlRef() != null) {
      channels.add(new SlackChannel(alerts.slack().webhookUrlRef(), secrets, post));
    }
    for (FlotillaSettings.Webhook webhook : alerts.webhooks()) {
      if (webhook == null || webhook.name() == null || webhook.url() == null) {
        log.warn("an alerts.webhooks entry needs a name and a url; it is left out");
      } else {
        channels.add(new WebhookChannel(webhook, secrets, post));
      }
    }
    log.info(
        "operator alerts go to {}",
        channels.isEmpty()
            ? "no channel (only the alert history)"
            : channels.stream().map(AlertChannel::name).toList());
    return new AlertActivitiesImpl(channels, dataSource);
  }

  List<String> channelNames() {
    return channels.stream().map(AlertChannel::name).toList();
  }

  @Override
  public DeliveryReport deliver(Alert alert) {
    return send(AlertText.notice(alert));
  }

  /**
   * Sends a notice to every channel that has not had it yet. Called by {@link #deliver} for
   * incidents and, in the same worker, for approval reminders.
   */
  public DeliveryReport send(Notice notice) {
    Map<String, AlertDelivery.Status> before = deliveries.statuses(notice.key());
    List<AlertDelivery> outcomes = new ArrayList<>();
    for (AlertChannel channel : channels) {
      AlertDelivery.Status earlier = before.get(channel.name());
      if (earlier == AlertDelivery.Status.DELIVERED) {
        outcomes.add(
            new AlertDelivery(channel.name(), AlertDelivery.Status.ALREADY_DELIVERED, 0, null));
      } else if (earlier == AlertDelivery.Status.REJECTED) {
        outcomes.add(new AlertDelivery(channel.name(), AlertDelivery.Status.REJECTED, 0, null));
      } else {
        outcomes.add(tryChannel(channel, notice));
      }
    }
    List<AlertDelivery> failed = having(outcomes, AlertDelivery.Status.FAILED);
    List<AlertDelivery> rejected = having(outcomes, AlertDelivery.Status.REJECTED);
    if (!failed.isEmpty()) {
      throw ApplicationFailure.newFailure(summary(notice, outcomes), DELIVERY_INCOMPLETE);
    }
    if (!rejected.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          summary(notice, outcomes), ActivityPresets.ALERT_CHANNEL_REJECTED);
    }
    return new DeliveryReport(notice.key(), outcomes);
  }

  /** One channel, one try: recorded whatever happens, so a retry knows what is still missing. */
  private AlertDelivery tryChannel(AlertChannel channel, Notice notice) {
    AlertDelivery.Status status;
    String error;
    try {
      channel.send(notice);
      status = AlertDelivery.Status.DELIVERED;
      error = null;
    } catch (ChannelRejected e) {
      status = AlertDelivery.Status.REJECTED;
      error = e.getMessage();
    } catch (RuntimeException e) {
      // Channel and settings exceptions name channels and references, never secret values.
      status = AlertDelivery.Status.FAILED;
      error =
          e instanceof ChannelUnavailable || e instanceof dev.flotilla.settings.SettingsException
              ? e.getMessage()
              : channel.name() + ": " + e.getClass().getSimpleName();
    }
    int attempts = deliveries.record(notice.key(), channel.name(), status, error);
    if (status != AlertDelivery.Status.DELIVERED) {
      log.warn("{} not delivered: {}", notice.key(), error);
    }
    return new AlertDelivery(channel.name(), status, attempts, error);
  }

  private static List<AlertDelivery> having(
      List<AlertDelivery> outcomes, AlertDelivery.Status status) {
    return outcomes.stream().filter(d -> d.status() == status).toList();
  }

  private static String summary(Notice notice, List<AlertDelivery> outcomes) {
    return notice.key()
        + ": "
        + outcomes.stream()
            .map(
                d ->
                    d.channel()
                        + " "
                        + d.status().name().toLowerCase(java.util.Locale.ROOT)
                        + (d.error() == null ? "" : " (" + d.error() + ")"))
            .collect(Collectors.joining("; "));
  }
}
