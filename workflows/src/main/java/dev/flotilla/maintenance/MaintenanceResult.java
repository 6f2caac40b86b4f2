package dev.flotilla.maintenance;

import dev.flotilla.component.HealthReport;
import dev.flotilla.retention.DeletedRows;
import dev.flotilla.retention.RetentionResult;
import java.util.List;

/**
 * What a maintenance run did.
 *
 * @param health one report per deployed component
 * @param restarted components restarted because they were unhealthy
 * @param retention what the retention child deleted; null on a restore
 * @param componentRecords finished component records deleted; null on a restore
 * @param backup the backup taken, or the one restored
 * @param restored whether this run restored {@code backup} instead of taking one
 * @param prunedBackups old backups deleted
 */
public record MaintenanceResult(
    List<HealthReport> health,
    List<String> restarted,
    RetentionResult retention,
    DeletedRows componentRecords,
    BackupManifest backup,
    boolean restored,
    List<String> prunedBackups) {}
