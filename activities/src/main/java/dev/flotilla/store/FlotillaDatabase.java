package dev.flotilla.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Flotilla's own PostgreSQL: a pooled data source with the schema migrated to the latest. */
public final class FlotillaDatabase implements AutoCloseable {
  private final HikariDataSource dataSource;

  private FlotillaDatabase(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Connects and migrates. The password arrives resolved from its reference by the caller and is
   * handed only to the driver.
   */
  public static FlotillaDatabase connect(String url, String user, String password, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("flotilla");
    config.setInitializationFailTimeout(10_000);
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      migrate(dataSource);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new FlotillaDatabase(dataSource);
  }

  /** Applies the migrations under db/migration. Safe to call on every start. */
  public static void migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
