package dev.flotilla.worker.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The component {@code flotilla demo} deploys: a JDK-only HTTP server on {@code $PORT} answering
 * {@code /health}. It runs in a new JVM started from the same java and jar as Flotilla itself, so
 * the demo needs nothing beyond what the launcher already found.
 */
public final class DemoComponentServer {
  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(System.getenv("PORT"));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(
        "/health",
        exchange -> {
          byte[] body =
              ("ok from instance " + System.getenv("FLOTILLA_INSTANCE") + "\n")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  /** java, this class's jar (or classes directory), this class. */
  public static List<String> command() {
    String java = ProcessHandle.current().info().command().orElse("java");
    try {
      Path classes =
          Path.of(
              DemoComponentServer.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      return List.of(
          java,
          "-Xmx32m",
          "-XX:TieredStopAtLevel=1",
          "-cp",
          classes.toString(),
          DemoComponentServer.class.getName());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first of {@code count} consecutive free ports on this host. */
  public static int freePorts(int count) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int first;
      try (ServerSocket probe = new ServerSocket(0)) {
        first = probe.getLocalPort();
      }
      if (first + count < 65535 && free(first, count)) {
        return first;
      }
    }
    throw new IOException("no " + count + " consecutive free ports");
  }

  private static boolean free(int first, int count) {
    for (int port = first; port < first + count; port++) {
      try (ServerSocket ignored = new ServerSocket(port)) {
        // free
      } catch (IOException taken) {
        return false;
      }
    }
    return true;
  }

  private DemoComponentServer() {}
}
