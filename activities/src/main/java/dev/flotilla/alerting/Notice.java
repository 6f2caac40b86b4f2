package dev.flotilla.alerting;

import java.util.List;

/**
 * Something to tell people through the alert channels: an incident, an approval waiting for a
 * decision, or how a user's sync job went.
 *
 * @param key its business identity; deliveries are recorded under it, so a retry sends nothing
 *     twice, and webhooks get it in their Idempotency-Key
 * @param subject one line
 * @param body plain text
 * @param payload what a generic webhook receives as JSON
 * @param recipients email addresses of the people the notice is for, instead of the configured
 *     operators ({@code alerts.email.to}); empty for operator notices. Slack and webhooks are
 *     channels, not mailboxes: they get every notice, and the payload names whom it is for.
 */
public record Notice(
    String key, String subject, String body, Object payload, List<String> recipients) {

  public Notice {
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
  }

  /** A notice for the operators. */
  public Notice(String key, String subject, String body, Object payload) {
    this(key, subject, body, payload, List.of());
  }
}
