package dev.flotilla.alerting;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on 127.0.0.1 that records every POST per path and answers each path with
 * scripted statuses (then 200), standing in for Slack and a webhook receiver.
 */
final class DeliveryServer implements AutoCloseable {

  record Received(String path, Map<String, List<String>> headers, String body, int answeredWith) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, ConcurrentLinkedDeque<Integer>> scripted = new ConcurrentHashMap<>();

  private DeliveryServer(HttpServer server) {
    this.server = server;
  }

  static DeliveryServer start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    DeliveryServer deliveries = new DeliveryServer(server);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Integer next =
              deliveries.scripted.getOrDefault(path, new ConcurrentLinkedDeque<>()).poll();
          int status = next == null ? 200 : next;
          deliveries.received.add(
              new Received(path, Map.copyOf(exchange.getRequestHeaders()), body, status));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    return deliveries;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The next requests to the path get these statuses, in order; later ones get 200. */
  void answer(String path, Integer... statuses) {
    scripted.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(statuses));
  }

  List<Received> to(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  long deliveredTo(String path) {
    return to(path).stream().filter(r -> r.answeredWith() / 100 == 2).count();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
