package dev.flotilla.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.settings.SecretRef;
import java.util.Map;

/** A Slack incoming webhook. Its URL is itself the credential, so it is only ever a reference. */
final class SlackChannel implements AlertChannel {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String webhookUrlRef;
  private final SecretRef secrets;
  private final HttpJsonPost http;

  SlackChannel(String webhookUrlRef, SecretRef secrets, HttpJsonPost http) {
    this.webhookUrlRef = webhookUrlRef;
    this.secrets = secrets;
    this.http = http;
  }

  @Override
  public String name() {
    return "slack";
  }

  @Override
  public void send(Notice notice) {
    String text = ":rotating_light: *" + notice.subject() + "*\n" + notice.body();
    String json;
    try {
      json = JSON.writeValueAsString(Map.of("text", text));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a Slack message", e);
    }
    http.post(name(), secrets.resolve(webhookUrlRef), json, Map.of());
  }
}
