package dev.flotilla.component;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** One HTTP or TCP probe of one instance on this host. */
final class HealthProbe {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Empty when the instance answered as it should, else what went wrong, in a few words. */
  Optional<String> check(HealthCheck check, int port) {
    Duration timeout = Duration.ofMillis(check.timeoutMillis());
    try {
      if (check.type().equals("tcp")) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
        }
        return Optional.empty();
      }
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + check.path()))
                  .timeout(timeout)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() / 100 == 2
          ? Optional.empty()
          : Optional.of("HTTP " + response.statusCode() + " from " + check.path());
    } catch (java.net.ConnectException e) {
      return Optional.of(check.type() + " port " + port + ": connection refused");
    } catch (java.net.http.HttpTimeoutException | java.net.SocketTimeoutException e) {
      return Optional.of(
          check.type() + " port " + port + ": no answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return Optional.of(
          check.type()
              + " port "
              + port
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("probe interrupted");
    }
  }
}
