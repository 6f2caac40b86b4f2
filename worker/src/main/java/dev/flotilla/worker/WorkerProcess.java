package dev.flotilla.worker;

import dev.flotilla.cli.TemporalConnection;
import dev.flotilla.common.Failures;
import dev.flotilla.settings.FlotillaSettings;
import dev.flotilla.settings.SecretRef;
import dev.flotilla.store.FlotillaDatabase;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running worker process: connection, Flotilla's database, the workers and the operations
 * endpoints. {@code flotilla worker} runs one against any cluster; {@code flotilla dev} runs one
 * against its embedded stack.
 */
public final class WorkerProcess implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);

  private final Metrics metrics;
  private final TemporalConnection temporal;
  private final FlotillaDatabase database;
  private final FlotillaWorkers workers;
  private final OpsHttpServer ops;
  private boolean closed;

  private WorkerProcess(
      Metrics metrics,
      TemporalConnection temporal,
      FlotillaDatabase database,
      FlotillaWorkers workers,
      OpsHttpServer ops) {
    this.metrics = metrics;
    this.temporal = temporal;
    this.database = database;
    this.workers = workers;
    this.ops = ops;
  }

  /** Where Flotilla's tables are; the password is already resolved from its reference. */
  public record DatabaseTarget(String url, String user, String password) {
    static DatabaseTarget fromSettings(FlotillaSettings.Database settings, SecretRef secrets) {
      if (settings.url() == null) {
        return null;
      }
      // A reference someone wrote must resolve; only the default one may be left unset.
      String password =
          settings.passwordRef().equals(FlotillaSettings.Database.DEFAULT_PASSWORD_REF)
              ? secrets.resolveIfSet(settings.passwordRef()).orElse(null)
              : secrets.resolve(settings.passwordRef());
      return new DatabaseTarget(settings.url(), settings.user(), password);
    }
  }

  public static WorkerProcess start(
      WorkflowServiceStubsOptions serviceOptions,
      WorkflowClientOptions clientOptions,
      FlotillaSettings settings,
      DatabaseTarget databaseTarget,
      String identity,
      Duration stickyScheduleToStart) {
    Metrics metrics = new Metrics();
    TemporalConnection temporal = null;
    FlotillaDatabase database = null;
    FlotillaWorkers workers = null;
    try {
      temporal =
          TemporalConnection.open(
              metrics.instrument(serviceOptions),
              WorkflowClientOptions.newBuilder(clientOptions).setIdentity(identity).build());
      if (databaseTarget != null) {
        database = connect(databaseTarget, settings.database().maxPoolSize());
      }
      workers =
          FlotillaWorkers.create(
              temporal.client(),
              new FlotillaWorkers.Tuning(settings.worker(), identity, stickyScheduleToStart),
              database == null
                  ? null
                  : new FlotillaWorkers.Dependencies(
                      settings,
                      SecretRef.fromProcess(),
                      database.dataSource(),
                      metrics.registry()));
      workers.start();
      FlotillaWorkers running = workers;
      OpsHttpServer ops =
          OpsHttpServer.start(
              settings.worker().httpPort(), metrics, running::isRunning, running::breakerStates);
      return new WorkerProcess(metrics, temporal, database, workers, ops);
    } catch (RuntimeException e) {
      closeQuietly(workers);
      closeQuietly(database);
      closeQuietly(temporal);
      metrics.close();
      throw e;
    }
  }

  private static FlotillaDatabase connect(DatabaseTarget target, int poolSize) {
    try {
      return FlotillaDatabase.connect(target.url(), target.user(), target.password(), poolSize);
    } catch (RuntimeException e) {
      // The URL's query string may carry credentials, so only host, port and database are named.
      String where = target.url().replaceFirst("\\?.*", "");
      throw new DependencyUnavailableException(
          "cannot use Flotilla's database at "
              + where
              + " ("
              + Failures.rootMessage(e)
              + "); check database.url / FLOTILLA_DATABASE_URL",
          e);
    }
  }

  private static void closeQuietly(AutoCloseable resource) {
    if (resource == null) {
      return;
    }
    try {
      resource.close();
    } catch (Exception e) {
      log.warn("while cleaning up: {}", e.getMessage());
    }
  }

  /** Takes this process out of the task queues' rotation without stopping it. */
  public void suspendPolling() {
    workers.suspendPolling();
  }

  public void resumePolling() {
    workers.resumePolling();
  }

  public TemporalConnection temporal() {
    return temporal;
  }

  public int opsPort() {
    return ops.port();
  }

  public Metrics metrics() {
    return metrics;
  }

  /** Drains the workers first, so in-flight activities finish, then releases the rest. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    workers.close();
    ops.close();
    closeQuietly(database);
    temporal.close();
    metrics.close();
  }
}
