package dev.flotilla.component;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The component the runtime tests start as real processes: a JDK-only HTTP server on {@code $PORT}
 * answering {@code /health} with 200 ({@code 503} when {@code HEALTH_STATUS=503}). Launched with
 * the test's own JVM, so it runs wherever the tests do.
 */
public final class TinyHttpService {
  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(System.getenv("PORT"));
    int status = Integer.parseInt(System.getenv().getOrDefault("HEALTH_STATUS", "200"));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(
        "/health",
        exchange -> {
          byte[] body =
              ("instance " + System.getenv("FLOTILLA_INSTANCE") + "\n")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  /** The command that runs this class in a new JVM. */
  static List<String> command() {
    String java = ProcessHandle.current().info().command().orElse("java");
    try {
      Path classes =
          Path.of(
              TinyHttpService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return List.of(java, "-Xmx32m", "-cp", classes.toString(), TinyHttpService.class.getName());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static int freePort(int span) {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (java.net.ServerSocket first = new java.net.ServerSocket(0)) {
        int port = first.getLocalPort();
        if (port + span < 65535 && allFree(port + 1, span - 1)) {
          return port;
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("no " + span + " free ports in a row");
  }

  private static boolean allFree(int from, int count) {
    for (int port = from; port < from + count; port++) {
      try (java.net.ServerSocket ignored = new java.net.ServerSocket(port)) {
        // free
      } catch (IOException taken) {
        return false;
      }
    }
    return true;
  }

  private TinyHttpService() {}
}
