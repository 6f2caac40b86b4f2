package dev.flotilla.maintenance;

import dev.flotilla.common.ActivityPresets;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;

/** Backups of Flotilla's database as activities; each table heartbeats. */
public final class MaintenanceActivitiesImpl implements MaintenanceActivities {
  private final DatabaseBackup backups;

  public MaintenanceActivitiesImpl(DataSource dataSource) {
    this.backups = new DatabaseBackup(dataSource);
  }

  @Override
  public BackupManifest backupDatabase(String backupDir, String backupId) {
    return incompatibleIsFinal(
        () -> backups.backup(Path.of(backupDir), backupId, MaintenanceActivitiesImpl::heartbeat));
  }

  @Override
  public BackupManifest restoreDatabase(String backupDir, String backupId) {
    return incompatibleIsFinal(
        () -> backups.restore(Path.of(backupDir), backupId, MaintenanceActivitiesImpl::heartbeat));
  }

  @Override
  public List<String> pruneBackups(String backupDir, int keep) {
    return backups.prune(Path.of(backupDir), keep);
  }

  private static BackupManifest incompatibleIsFinal(
      java.util.function.Supplier<BackupManifest> call) {
    try {
      return call.get();
    } catch (DatabaseBackup.IncompatibleBackup e) {
      throw ApplicationFailure.newFailure(e.getMessage(), ActivityPresets.BACKUP_INCOMPATIBLE);
    }
  }

  private static void heartbeat(String table) {
    Activity.getExecutionContext().heartbeat(table);
  }
}
