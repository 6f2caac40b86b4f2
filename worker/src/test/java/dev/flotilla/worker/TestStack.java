package dev.flotilla.worker;

import dev.flotilla.settings.FlotillaSettings;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The servers an integration test talks to: the embedded stack by default, or (the SDK's idea of
 * one suite, several servers) the real Temporal server the real-server lane names in {@code
 * -Dflotilla.temporalAddress}, which profile {@code real-server} sets from TEMPORAL_ADDRESS. Either
 * way Flotilla's PostgreSQL is an embedded one, private to the test class.
 */
final class TestStack implements AutoCloseable {
  private final DevStack embedded;
  private final EmbeddedPostgres postgres;
  private final String temporalAddress;

  private TestStack(DevStack embedded, EmbeddedPostgres postgres, String temporalAddress) {
    this.embedded = embedded;
    this.postgres = postgres;
    this.temporalAddress = temporalAddress;
  }

  /** The real server's address when the lane runs, else empty. */
  static Optional<String> externalServer() {
    String address = System.getProperty("flotilla.temporalAddress", "").strip();
    // An unset TEMPORAL_ADDRESS reaches the property as the unresolved expression.
    return address.isEmpty() || address.startsWith("${") ? Optional.empty() : Optional.of(address);
  }

  static TestStack start() {
    Optional<String> external = externalServer();
    if (external.isEmpty()) {
      DevStack stack = DevStack.start(0, 0, null, true);
      return new TestStack(stack, null, stack.temporalAddress());
    }
    try {
      return new TestStack(null, EmbeddedPostgres.builder().start(), external.get());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The embedded stack whatever the lane: for tests the real-server lane does not repeat. Without a
   * database, workers started on it run only what needs none.
   */
  static TestStack embedded(boolean withDatabase) {
    DevStack stack = DevStack.start(0, 0, null, withDatabase);
    return new TestStack(stack, null, stack.temporalAddress());
  }

  boolean isRealServer() {
    return embedded == null;
  }

  String temporalAddress() {
    return temporalAddress;
  }

  WorkflowServiceStubsOptions serviceOptions() {
    return WorkflowServiceStubsOptions.newBuilder()
        .setTarget(temporalAddress)
        .validateAndBuildWithDefaults();
  }

  WorkflowClientOptions clientOptions() {
    return WorkflowClientOptions.newBuilder().setNamespace(DevStack.NAMESPACE).build();
  }

  String jdbcUrl() {
    return embedded != null
        ? embedded.jdbcUrl()
        : "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  String databaseUser() {
    return "postgres";
  }

  WorkerProcess.DatabaseTarget database() {
    return new WorkerProcess.DatabaseTarget(jdbcUrl(), databaseUser(), null);
  }

  private boolean hasDatabase() {
    return embedded == null || embedded.hasPostgres();
  }

  /** A worker process on this stack, using its database when it has one. */
  WorkerProcess startWorker(FlotillaSettings settings, String identity) {
    return WorkerProcess.start(
        serviceOptions(),
        clientOptions(),
        settings,
        hasDatabase() ? database() : null,
        identity,
        null);
  }

  /** The flotilla command as a person types it, pointed at this stack's Temporal server. */
  CliRun cli(String... args) {
    String[] withAddress = Arrays.copyOf(args, args.length + 2);
    withAddress[args.length] = "--address";
    withAddress[args.length + 1] = temporalAddress;
    return CliRun.of(withAddress);
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
