package dev.flotilla.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.flotilla.component.BreakerState;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The worker's operations endpoints: {@code /metrics} (Prometheus text), {@code /health} (the
 * process is up), {@code /ready} (workers are polling) and {@code /breakers} (this worker's
 * component circuit breakers as a JSON list of {@code BreakerState}, read by {@code flotilla
 * breakers}).
 */
public final class OpsHttpServer implements AutoCloseable {
  private final HttpServer server;

  private OpsHttpServer(HttpServer server) {
    this.server = server;
  }

  public static OpsHttpServer start(int port, Metrics metrics, BooleanSupplier ready) {
    return start(port, metrics, ready, List::of);
  }

  public static OpsHttpServer start(
      int port, Metrics metrics, BooleanSupplier ready, Supplier<List<BreakerState>> breakers) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (BindException e) {
      throw new PortInUseException("worker.httpPort", port);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot open the metrics port " + port + ": " + e.getMessage(), e);
    }
    server.createContext(
        "/metrics",
        exchange -> respond(exchange, 200, "text/plain; version=0.0.4", metrics.scrape()));
    server.createContext("/health", exchange -> respond(exchange, 200, "text/plain", "ok\n"));
    server.createContext(
        "/ready",
        exchange -> {
          boolean isReady = ready.getAsBoolean();
          respond(exchange, isReady ? 200 : 503, "text/plain", isReady ? "ready\n" : "not ready\n");
        });
    ObjectMapper json = new ObjectMapper();
    server.createContext(
        "/breakers",
        exchange ->
            respond(exchange, 200, "application/json", json.writeValueAsString(breakers.get())));
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "flotilla-ops-http");
              thread.setDaemon(true);
              return thread;
            }));
    server.start();
    return new OpsHttpServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
