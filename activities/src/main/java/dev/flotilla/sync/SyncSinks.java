package dev.flotilla.sync;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flotilla.common.ActivityPresets;
import dev.flotilla.settings.SecretRef;
import dev.flotilla.settings.SettingsException;
import io.temporal.failure.ApplicationFailure;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The sink a request names: its table in Flotilla's database, or in the database whose URL its
 * {@code sinkDatabase} reference resolves to. A few pools are kept per resolved URL, so a job's
 * seven activities share connections and a rotated secret gets a pool of its own; {@link #close}
 * closes them when the worker stops.
 */
public final class SyncSinks implements AutoCloseable {

  /** Distinct sink databases a worker keeps pools for; the least recently used goes first. */
  static final int POOLS = 8;

  private final DataSource flotilla;
  private final SecretRef secrets;
  private final Map<String, HikariDataSource> pools = new LinkedHashMap<>(POOLS, 0.75f, true);

  public SyncSinks(DataSource flotilla, SecretRef secrets) {
    this.flotilla = flotilla;
    this.secrets = secrets;
  }

  /** The sink of a request; failures name its reference, never what it resolves to. */
  SyncSink of(SyncRequest request) {
    String reference = request.sinkDatabase();
    if (reference == null) {
      return new PostgresTableSink(flotilla, flotilla, "Flotilla's database");
    }
    String url;
    try {
      url = secrets.resolve(reference);
    } catch (SettingsException e) {
      throw unusable("sink database " + reference + " cannot be resolved: " + e.getMessage());
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw unusable(
          "sink database "
              + reference
              + " does not hold a jdbc:postgresql:// URL; put one such as"
              + " jdbc:postgresql://host:5432/db?user=u&password=p in it");
    }
    return new PostgresTableSink(flotilla, pool(reference, url), "sink database " + reference);
  }

  private synchronized DataSource pool(String reference, String url) {
    HikariDataSource pool = pools.get(url);
    if (pool == null) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      // Named by the reference: Hikari's log lines name the pool, and the URL has credentials.
      config.setPoolName("sync-sink " + reference);
      config.setMaximumPoolSize(4);
      config.setMinimumIdle(0);
      config.setConnectionTimeout(10_000);
      // An unreachable database fails the activity that asked (retried), not the pool's creation.
      config.setInitializationFailTimeout(-1);
      pool = new HikariDataSource(config);
      pools.put(url, pool);
      if (pools.size() > POOLS) {
        var eldest = pools.entrySet().iterator().next();
        pools.remove(eldest.getKey());
        eldest.getValue().close();
      }
    }
    return pool;
  }

  /**
   * One line that names the sink's database and what was being done. Connection failures give the
   * SQL state instead of the driver's message, and no failure keeps the cause: the driver names the
   * URL's host and user there. Refused credentials and a database that does not exist are final;
   * anything else (unreachable, busy) is retried.
   */
  static RuntimeException failure(String name, String doing, SQLException e) {
    String state = e.getSQLState() == null ? "none" : e.getSQLState();
    if (state.startsWith("28")) {
      return unusable(name + " refused the credentials (" + doing + ")");
    }
    if (state.equals("3D000")) {
      return unusable(name + " names a database that does not exist (" + doing + ")");
    }
    if (state.startsWith("08") || state.equals("none")) {
      return new IllegalStateException(
          name + " is unreachable, SQL state " + state + " (" + doing + ")");
    }
    return new IllegalStateException(
        doing + " in " + name + " failed: " + e.getMessage().lines().findFirst().orElse(state));
  }

  private static ApplicationFailure unusable(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, ActivityPresets.SYNC_SINK_UNUSABLE);
  }

  @Override
  public synchronized void close() {
    pools.values().forEach(HikariDataSource::close);
    pools.clear();
  }
}
