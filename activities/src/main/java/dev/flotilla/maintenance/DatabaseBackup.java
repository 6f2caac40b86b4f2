package dev.flotilla.maintenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Backs up and restores Flotilla's own tables with PostgreSQL's COPY over JDBC, so no {@code
 * pg_dump} is needed on the worker's host (the embedded PostgreSQL ships none). A backup is a
 * directory with one binary COPY file per table, taken in one repeatable-read transaction (one
 * consistent snapshot), and a {@code manifest.json}; it is written under a temporary name and
 * renamed when complete, so a half-written backup is never mistaken for one. A restore replaces
 * every backed-up table's rows in one transaction and moves the ID sequences past the restored
 * rows. Flyway's own history table is not copied: a restore needs the same schema version.
 */
public final class DatabaseBackup {
  static final String MANIFEST = "manifest.json";

  private final DataSource dataSource;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public DatabaseBackup(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Thrown when a backup cannot be restored here; retrying does not help. */
  public static final class IncompatibleBackup extends RuntimeException {
    IncompatibleBackup(String message) {
      super(message);
    }
  }

  public BackupManifest backup(Path dir, String backupId, Consumer<String> progress) {
    Path target = dir.resolve(checked(backupId));
    if (Files.exists(target.resolve(MANIFEST))) {
      return read(target);
    }
    Path partial = dir.resolve("." + backupId + ".partial");
    try {
      Files.createDirectories(dir);
      deleteTree(partial);
      Files.createDirectories(partial);
      BackupManifest manifest;
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        List<TableRows> tables = new ArrayList<>();
        for (String table : tables(c)) {
          try (OutputStream out = Files.newOutputStream(partial.resolve(table + ".copy"))) {
            long rows = copy.copyOut("COPY " + quoted(table) + " TO STDOUT (FORMAT binary)", out);
            tables.add(new TableRows(table, rows));
          }
          progress.accept(table);
        }
        manifest =
            new BackupManifest(backupId, target.toAbsolutePath().toString(), version(c), tables);
        c.commit();
      }
      json.writeValue(partial.resolve(MANIFEST).toFile(), manifest);
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException raced) {
        deleteTree(partial);
        return read(target);
      }
      return manifest;
    } catch (IOException e) {
      throw new UncheckedIOException("backup " + backupId + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new IllegalStateException("backup " + backupId + ": " + e.getMessage(), e);
    }
  }

  public BackupManifest restore(Path dir, String backupId, Consumer<String> progress) {
    Path source = dir.resolve(checked(backupId));
    if (!Files.exists(source.resolve(MANIFEST))) {
      throw new IncompatibleBackup(
          "no complete backup " + backupId + " in " + dir.toAbsolutePath());
    }
    BackupManifest manifest = read(source);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      String current = version(c);
      if (!current.equals(manifest.schemaVersion())) {
        throw new IncompatibleBackup(
            "backup "
                + backupId
                + " is of schema version "
                + manifest.schemaVersion()
                + ", this database is at "
                + current
                + "; restore it into a database at that version");
      }
      List<String> existing = tables(c);
      for (TableRows table : manifest.tables()) {
        if (!existing.contains(table.table())) {
          throw new IncompatibleBackup(
              "backup " + backupId + " has table " + table.table() + ", which this database lacks");
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute(
            "TRUNCATE "
                + String.join(
                    ", ", manifest.tables().stream().map(t -> quoted(t.table())).toList()));
      }
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      for (TableRows table : manifest.tables()) {
        try (InputStream in = Files.newInputStream(source.resolve(table.table() + ".copy"))) {
          copy.copyIn("COPY " + quoted(table.table()) + " FROM STDIN (FORMAT binary)", in);
        }
        progress.accept(table.table());
      }
      resetSequences(c);
      c.commit();
      return manifest;
    } catch (IOException e) {
      throw new UncheckedIOException("restore " + backupId + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      // The transaction is rolled back with the connection: the tables are as they were.
      throw new IllegalStateException("restore " + backupId + ": " + e.getMessage(), e);
    }
  }

  /** Deletes all but the newest {@code keep} complete backups (IDs sort by time). */
  public List<String> prune(Path dir, int keep) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      List<Path> backups =
          entries
              .filter(p -> Files.exists(p.resolve(MANIFEST)))
              .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
              .toList();
      List<String> deleted = new ArrayList<>();
      for (Path old : backups.subList(Math.min(keep, backups.size()), backups.size())) {
        deleteTree(old);
        deleted.add(old.getFileName().toString());
      }
      return deleted;
    } catch (IOException e) {
      throw new UncheckedIOException("pruning backups: " + e.getMessage(), e);
    }
  }

  private BackupManifest read(Path backup) {
    try {
      return json.readValue(backup.resolve(MANIFEST).toFile(), BackupManifest.class);
    } catch (IOException e) {
      throw new IncompatibleBackup("backup " + backup + " has an unreadable manifest");
    }
  }

  /** Every table of Flotilla's schema but Flyway's history, in a fixed order. */
  private static List<String> tables(Connection c) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                    + " AND tablename <> 'flyway_schema_history' ORDER BY tablename")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  private static String version(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL"
                    + " ORDER BY installed_rank DESC LIMIT 1")) {
      return rs.next() ? rs.getString(1) : "none";
    }
  }

  /** Serial and identity columns continue after the restored rows' largest value. */
  private static void resetSequences(Connection c) throws SQLException {
    List<String[]> columns = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT table_name, column_name FROM information_schema.columns"
                    + " WHERE table_schema = current_schema()"
                    + " AND (column_default LIKE 'nextval(%' OR is_identity = 'YES')")) {
      while (rs.next()) {
        columns.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    for (String[] column : columns) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX("
                  + quoted(column[1])
                  + "), 1), MAX("
                  + quoted(column[1])
                  + ") IS NOT NULL) FROM "
                  + quoted(column[0]))) {
        ps.setString(1, quoted(column[0]));
        ps.setString(2, column[1]);
        ps.execute();
      }
    }
  }

  private static String checked(String backupId) {
    if (backupId == null || !MaintenancePlan.BACKUP_ID.matcher(backupId).matches()) {
      throw new IncompatibleBackup("'" + backupId + "' is not a backup ID");
    }
    return backupId;
  }

  private static String quoted(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
