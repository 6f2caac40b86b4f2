package dev.flotilla.maintenance;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Backups of Flotilla's database on the worker's file system. */
@ActivityInterface
public interface MaintenanceActivities {

  /**
   * Copies every Flotilla table into {@code <backupDir>/<backupId>}. A backup that is already
   * complete is returned as it is, so a retry writes nothing twice.
   */
  BackupManifest backupDatabase(String backupDir, String backupId);

  /**
   * Replaces the contents of every Flotilla table with the backup's, in one transaction. Fails with
   * {@code BackupIncompatible} when the backup is missing or from another schema version.
   */
  BackupManifest restoreDatabase(String backupDir, String backupId);

  /** Deletes all but the newest {@code keep} backups; returns the IDs deleted. */
  List<String> pruneBackups(String backupDir, int keep);
}
