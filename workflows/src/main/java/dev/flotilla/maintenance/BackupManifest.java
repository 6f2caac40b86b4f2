package dev.flotilla.maintenance;

import java.util.List;

/**
 * A backup of Flotilla's database: one file per table and this manifest.
 *
 * @param backupId its name, a directory under the backup directory
 * @param location that directory, as the worker sees it
 * @param schemaVersion the Flyway version of the database it was taken from; a restore needs the
 *     same
 * @param tables every table and its rows
 */
public record BackupManifest(
    String backupId, String location, String schemaVersion, List<TableRows> tables) {
  public BackupManifest {
    tables = List.copyOf(tables);
  }

  public long totalRows() {
    return tables.stream().mapToLong(TableRows::rows).sum();
  }
}
