package dev.flotilla.worker;

import dev.flotilla.common.Failures;
import dev.flotilla.common.FlotillaSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded stack of {@code flotilla dev}, {@code demo} and {@code bench}: Temporal's own Java
 * test server bound to a real port (real time, no time skipping) and an embedded PostgreSQL for
 * Flotilla's tables. Other processes reach both over the network, as they would a real cluster.
 */
public final class DevStack implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DevStack.class);
  public static final String NAMESPACE = "default";

  private final TestServer.PortBoundTestServer temporal;
  private final int temporalPort;
  private final EmbeddedPostgres postgres;

  private DevStack(
      TestServer.PortBoundTestServer temporal, int temporalPort, EmbeddedPostgres postgres) {
    this.temporal = temporal;
    this.temporalPort = temporalPort;
    this.postgres = postgres;
  }

  /**
   * Starts both servers. Port 0 picks a free port. Nothing is left running if either fails.
   *
   * @param dataDir where PostgreSQL keeps its files between runs; null for a throwaway one
   */
  public static DevStack start(
      int temporalPort, int postgresPort, Path dataDir, boolean withPostgres) {
    int port = temporalPort == 0 ? freePort() : requireFree("dev.temporalPort", temporalPort);
    int pgPort = postgresPort == 0 ? freePort() : postgresPort;
    if (withPostgres && postgresPort != 0) {
      requireFree("dev.postgresPort", postgresPort);
    }
    TestServer.PortBoundTestServer temporal = TestServer.createPortBoundServer(port, true);
    try {
      registerSearchAttributes(port);
      EmbeddedPostgres postgres = withPostgres ? startPostgres(pgPort, dataDir) : null;
      return new DevStack(temporal, port, postgres);
    } catch (RuntimeException e) {
      temporal.close();
      throw e;
    }
  }

  private static EmbeddedPostgres startPostgres(int port, Path dataDir) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port);
      if (dataDir != null) {
        Path pgData = dataDir.resolve("postgres");
        Files.createDirectories(pgData);
        builder.setDataDirectory(pgData.toFile()).setCleanDataDirectory(false);
      }
      EmbeddedPostgres postgres = builder.start();
      createDatabase(postgres);
      return postgres;
    } catch (IOException e) {
      throw new DependencyUnavailableException(
          "embedded PostgreSQL did not start: " + Failures.rootMessage(e), e);
    }
  }

  private static void createDatabase(EmbeddedPostgres postgres) {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet exists =
          statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'flotilla'")) {
        if (exists.next()) {
          return;
        }
      }
      statement.execute("CREATE DATABASE flotilla");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the flotilla database: " + e.getMessage(), e);
    }
  }

  /** Flotilla's search attributes, so workflows can upsert them and the CLI can read them. */
  static void registerSearchAttributes(int port) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + port)
                .validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder request =
          AddSearchAttributesRequest.newBuilder().setNamespace(NAMESPACE);
      FlotillaSearchAttributes.all()
          .forEach(
              key ->
                  request.putSearchAttributes(
                      key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      operator.blockingStub().addSearchAttributes(request.build());
    } finally {
      operator.shutdownNow();
    }
  }

  static int requireFree(String setting, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
      return port;
    } catch (IOException e) {
      throw new PortInUseException(setting, port);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port: " + e.getMessage(), e);
    }
  }

  public String temporalAddress() {
    return "127.0.0.1:" + temporalPort;
  }

  /** Plain connection options: the embedded server speaks no TLS and needs no API key. */
  public WorkflowServiceStubsOptions serviceOptions() {
    return WorkflowServiceStubsOptions.newBuilder()
        .setTarget(temporalAddress())
        .validateAndBuildWithDefaults();
  }

  public WorkflowClientOptions clientOptions() {
    return WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build();
  }

  public boolean hasPostgres() {
    return postgres != null;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/flotilla";
  }

  public String databaseUser() {
    return "postgres";
  }

  @Override
  public void close() {
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
      }
    }
    temporal.close();
  }
}
