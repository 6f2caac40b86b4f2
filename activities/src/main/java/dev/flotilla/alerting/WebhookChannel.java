package dev.flotilla.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.flotilla.settings.FlotillaSettings;
import dev.flotilla.settings.SecretRef;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic webhook: the alert as JSON, with an {@code Idempotency-Key} the receiver can
 * deduplicate on, and, when a secret is configured, an HMAC-SHA256 signature of the body so the
 * receiver can tell it came from Flotilla. The secret signs; it is never sent.
 */
final class WebhookChannel implements AlertChannel {
  static final String SIGNATURE_HEADER = "X-Flotilla-Signature";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final FlotillaSettings.Webhook webhook;
  private final SecretRef secrets;
  private final HttpJsonPost http;

  WebhookChannel(FlotillaSettings.Webhook webhook, SecretRef secrets, HttpJsonPost http) {
    this.webhook = webhook;
    this.secrets = secrets;
    this.http = http;
  }

  @Override
  public String name() {
    return "webhook:" + webhook.name();
  }

  @Override
  public void send(Notice notice) {
    String json;
    try {
      json = JSON.writeValueAsString(notice.payload());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the alert as JSON", e);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Idempotency-Key", notice.key() + ":" + name());
    if (webhook.secretRef() != null && !webhook.secretRef().isBlank()) {
      headers.put(
          SIGNATURE_HEADER, "sha256=" + hmacSha256(secrets.resolve(webhook.secretRef()), json));
    }
    http.post(name(), webhook.url(), json, headers);
  }

  static String hmacSha256(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
