package dev.flotilla.maintenance;

import static dev.flotilla.common.ActivityPresets.summarized;

import dev.flotilla.audit.StageAudit;
import dev.flotilla.common.ActivityPresets;
import dev.flotilla.common.FlotillaSearchAttributes;
import dev.flotilla.component.ComponentActivities;
import dev.flotilla.component.ComponentRecords;
import dev.flotilla.component.HealthReport;
import dev.flotilla.events.SystemEvent;
import dev.flotilla.retention.DeletedRows;
import dev.flotilla.retention.RetentionResult;
import dev.flotilla.retention.RetentionWorkflow;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

public final class MaintenanceWorkflowImpl implements MaintenanceWorkflow {
  static final String KIND = "maintenance";

  /** More components than this are checked by the next run: keeps one run's history small. */
  static final int MAX_COMPONENTS_PER_RUN = 200;

  private static final DateTimeFormatter BACKUP_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final ComponentActivities components =
      Workflow.newActivityStub(
          ComponentActivities.class,
          summarized(ActivityPresets.COMPONENT_OPERATION, "Component health"));
  private final ComponentRecords records =
      Workflow.newActivityStub(
          ComponentRecords.class, summarized(ActivityPresets.PURGE, "Finished component records"));
  private final MaintenanceActivities backups =
      Workflow.newActivityStub(
          MaintenanceActivities.class, summarized(ActivityPresets.BACKUP, "Database backup"));

  private static final Logger log = Workflow.getLogger(MaintenanceWorkflowImpl.class);

  private StageAudit events;
  private String runKey;

  @Override
  public MaintenanceResult run(MaintenancePlan plan) {
    plan.validate();
    runKey = Workflow.getInfo().getFirstExecutionRunId();
    events = new StageAudit(Workflow.getInfo().getWorkflowId(), KIND, "flotilla");
    event(SystemEvent.WORKFLOW_STARTED, Map.of("restore", String.valueOf(plan.restoreFrom())));
    if (plan.restoreFrom() != null) {
      stage("Restore");
      BackupManifest restored = backups.restoreDatabase(plan.backupDir(), plan.restoreFrom());
      return done(
          new MaintenanceResult(List.of(), List.of(), null, null, restored, true, List.of()));
    }

    stage("Health");
    List<HealthReport> health = new ArrayList<>();
    List<String> restarted = new ArrayList<>();
    for (String component :
        components.deployedComponents().stream().limit(MAX_COMPONENTS_PER_RUN).toList()) {
      HealthReport report = components.probeHealth(component);
      health.add(report);
      if (!report.healthy()) {
        events.record(
            "health",
            component,
            SystemEvent.COMPONENT_FAILURE,
            "flotilla",
            Map.of("component", component, "problem", String.join("; ", report.problems())));
        try {
          components.restartUnhealthy(component, "maintenance/" + runKey + "/" + component);
          restarted.add(component);
        } catch (ActivityFailure e) {
          // One component that cannot be restarted must not stop cleanup and backup.
          log.warn("maintenance: component {} not restarted: {}", component, e.getMessage());
        }
      }
    }

    stage("Cleanup");
    RetentionResult retention = retention(plan);
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    DeletedRows componentRecords =
        records.purgeFinishedOperations(now.minus(Duration.ofDays(plan.componentDays())));

    BackupManifest backup = null;
    List<String> pruned = List.of();
    if (plan.backup()) {
      stage("Backup");
      // Named by workflow time, so a retried or replayed run names the same backup.
      backup = backups.backupDatabase(plan.backupDir(), "flotilla-" + BACKUP_TIME.format(now));
      pruned = backups.pruneBackups(plan.backupDir(), plan.keepBackups());
    }
    return done(
        new MaintenanceResult(
            health, restarted, retention, componentRecords, backup, false, pruned));
  }

  /**
   * The retention workflow, as a child under this run's ID so it never collides with a manual run.
   */
  private RetentionResult retention(MaintenancePlan plan) {
    RetentionWorkflow child =
        Workflow.newChildWorkflowStub(
            RetentionWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(Workflow.getInfo().getWorkflowId() + "/" + runKey + "/retention")
                .setStaticSummary("Retention cleanup")
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(FlotillaSearchAttributes.KIND, "retention")
                        .set(FlotillaSearchAttributes.STAGE, "Scheduled")
                        .build())
                .build());
    return child.purge(plan.retention());
  }

  private MaintenanceResult done(MaintenanceResult result) {
    stage("Done");
    event(
        SystemEvent.WORKFLOW_COMPLETED,
        Map.of(
            "restored", Boolean.toString(result.restored()),
            "backup", result.backup() == null ? "none" : result.backup().backupId(),
            "restartedComponents", Integer.toString(result.restarted().size())));
    return result;
  }

  private void event(String type, Map<String, String> details) {
    events.record("run", runKey, type, "flotilla", details);
  }

  private static void stage(String name) {
    Workflow.upsertTypedSearchAttributes(FlotillaSearchAttributes.STAGE.valueSet(name));
  }
}
