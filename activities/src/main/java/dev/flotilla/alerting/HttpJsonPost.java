package dev.flotilla.alerting;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A JSON POST whose outcome is classified for Temporal: refused for good, or worth a retry. Error
 * messages name the channel and the status or exception type, never the URL, which may be a secret.
 */
final class HttpJsonPost {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;

  HttpJsonPost(HttpClient http) {
    this.http = http;
  }

  static HttpClient defaultClient() {
    return HttpClient.newBuilder()
        .connectTimeout(TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  void post(String channel, String url, String json, Map<String, String> headers) {
    HttpRequest.Builder request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new ChannelRejected(channel + ": the configured URL is not a valid http(s) URL");
    }
    headers.forEach(request::header);
    HttpResponse<Void> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new ChannelUnavailable(channel + ": " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChannelUnavailable(channel + ": interrupted");
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    // 408 and 429 say "not now"; every other 4xx says the request itself is wrong.
    if (status >= 400 && status < 500 && status != 408 && status != 429) {
      throw new ChannelRejected(channel + " refused the alert: HTTP " + status);
    }
    throw new ChannelUnavailable(channel + " did not take the alert: HTTP " + status);
  }
}
