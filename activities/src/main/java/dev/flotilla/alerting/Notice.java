package dev.flotilla.alerting;

/**
 * Something to tell people through the alert channels: an incident, or an approval waiting for a
 * decision.
 *
 * @param key its business identity; deliveries are recorded under it, so a retry sends nothing
 *     twice, and webhooks get it in their Idempotency-Key
 * @param subject one line
 * @param body plain text
 * @param payload what a generic webhook receives as JSON
 */
public record Notice(String key, String subject, String body, Object payload) {}
