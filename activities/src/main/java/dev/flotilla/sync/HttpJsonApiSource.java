package dev.flotilla.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.common.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP JSON API with cursor pagination: {@code GET <url>?limit=N[&cursor=C]} answers an object
 * with the page's records in {@code data}, {@code records} or {@code items} and the next page's
 * cursor in {@code next_cursor}, {@code nextCursor} or {@code next} (null, empty or missing on the
 * last page). The API's cursor travels in the heartbeat, so a retried extract asks for the page it
 * had not stored yet; a record's key is that page's cursor and its index in the page.
 */
public final class HttpJsonApiSource implements SyncSource {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> RECORDS = List.of("data", "records", "items");
  private static final List<String> NEXT = List.of("next_cursor", "nextCursor", "next");

  private final URI url;
  private final HttpClient http;

  public HttpJsonApiSource(URI url, HttpClient http) {
    this.url = url;
    this.http = http;
  }

  /** Whether a request's {@code source} names an HTTP API rather than a directory. */
  public static boolean names(String source) {
    return source.startsWith("http://") || source.startsWith("https://");
  }

  public static HttpJsonApiSource of(String source, HttpClient http) {
    try {
      return new HttpJsonApiSource(URI.create(source), http);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("source " + source + " is not a valid URL");
    }
  }

  @Override
  public void check() {
    fetch(null, 1);
  }

  @Override
  public Page page(Cursor cursor, int size) {
    JsonNode body = fetch(cursor.token(), size);
    JsonNode array = records(body);
    String pageKey = "cursor=" + (cursor.token() == null ? "" : cursor.token()) + "#";
    List<Record> records = new ArrayList<>();
    // An API that returns more than asked for still has every record stored: the next cursor is
    // only reached past the whole page.
    for (int i = cursor.record(); i < array.size(); i++) {
      JsonNode node = array.get(i);
      if (!node.isObject()) {
        throw new InvalidInputException(
            url + " record " + i + " of page " + cursor.file() + " is not a JSON object");
      }
      records.add(new Record(pageKey + i, node.toString()));
    }
    String next = next(body);
    return new Page(records, next == null ? null : new Cursor(cursor.file() + 1, 0, next));
  }

  private JsonNode fetch(String cursor, int limit) {
    String separator = url.getRawQuery() == null ? "?" : "&";
    String query =
        "limit="
            + limit
            + (cursor == null
                ? ""
                : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    URI page = URI.create(url + separator + query);
    HttpRequest request =
        HttpRequest.newBuilder(page)
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("source " + url + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + url, e);
    }
    int status = response.statusCode();
    if (status == 429 || status >= 500) {
      // Worth a retry: the activity's retry policy backs off.
      throw new IllegalStateException("source " + url + " answered HTTP " + status);
    }
    if (status >= 300) {
      throw new InvalidInputException(
          "source " + url + " answered HTTP " + status + "; check the URL and its access");
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      records(body);
      return body;
    } catch (IOException e) {
      throw new InvalidInputException("source " + url + " did not answer JSON: " + e.getMessage());
    }
  }

  private JsonNode records(JsonNode body) {
    if (body != null && body.isObject()) {
      for (String field : RECORDS) {
        if (body.path(field).isArray()) {
          return body.get(field);
        }
      }
    }
    throw new InvalidInputException(
        "source "
            + url
            + " answered without a records array: expected an object with data, records or items");
  }

  private static String next(JsonNode body) {
    for (String field : NEXT) {
      JsonNode next = body.get(field);
      if (next != null && !next.isNull() && !next.asText().isEmpty()) {
        return next.asText();
      }
    }
    return null;
  }
}
