package dev.flotilla.maintenance;

import dev.flotilla.common.InvalidInputException;
import dev.flotilla.common.WorkflowInput;
import dev.flotilla.retention.RetentionPolicy;
import java.util.regex.Pattern;

/**
 * What one maintenance run does. Every field has a default, so {@code flotilla start maintenance
 * --input '{}'} and a schedule without input run the documented plan.
 *
 * @param auditDays audit events and executed actions to keep (retention default 90)
 * @param metricsDays stored cycle data to keep (retention default 30)
 * @param deliveriesDays alert deliveries to keep (retention default 90)
 * @param componentDays finished component operation records to keep (default 30)
 * @param backup whether to back up Flotilla's database (default true)
 * @param backupDir where backups go, on the worker's file system (default {@code
 *     .flotilla/backups})
 * @param keepBackups how many backups to keep; older ones are deleted (default 7)
 * @param restoreFrom a backup ID: restore it instead of the usual run (health, cleanup, backup)
 */
public record MaintenancePlan(
    Integer auditDays,
    Integer metricsDays,
    Integer deliveriesDays,
    Integer componentDays,
    Boolean backup,
    String backupDir,
    Integer keepBackups,
    String restoreFrom)
    implements WorkflowInput {

  public static final int DEFAULT_COMPONENT_DAYS = 30;
  public static final String DEFAULT_BACKUP_DIR = ".flotilla/backups";
  public static final int DEFAULT_KEEP_BACKUPS = 7;

  /** Backup IDs are directory names: no separators, no dots at the start. */
  public static final Pattern BACKUP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

  public MaintenancePlan {
    componentDays = componentDays == null ? DEFAULT_COMPONENT_DAYS : componentDays;
    backup = backup == null || backup;
    backupDir = backupDir == null || backupDir.isBlank() ? DEFAULT_BACKUP_DIR : backupDir;
    keepBackups = keepBackups == null ? DEFAULT_KEEP_BACKUPS : keepBackups;
  }

  public static MaintenancePlan defaults() {
    return new MaintenancePlan(null, null, null, null, null, null, null, null);
  }

  /** The retention part, with its own defaults. */
  public RetentionPolicy retention() {
    return new RetentionPolicy(auditDays, metricsDays, deliveriesDays);
  }

  /** One maintenance run at a time: two would back up and delete the same things twice. */
  @Override
  public String workflowId() {
    return "maintenance";
  }

  @Override
  public String subject() {
    return "a maintenance run";
  }

  @Override
  public void validate() {
    retention().validate();
    if (componentDays < 1 || componentDays > 3650) {
      throw new InvalidInputException(
          "maintenance: 'componentDays' must be between 1 and 3650 days, not " + componentDays);
    }
    if (keepBackups < 1 || keepBackups > 1000) {
      throw new InvalidInputException(
          "maintenance: 'keepBackups' must be between 1 and 1000, not " + keepBackups);
    }
    if (restoreFrom != null && !BACKUP_ID.matcher(restoreFrom).matches()) {
      throw new InvalidInputException(
          "maintenance: 'restoreFrom' must be a backup ID such as flotilla-20261126T070000Z");
    }
  }
}
