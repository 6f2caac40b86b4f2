package dev.flotilla.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.flotilla.FlotillaTestEnvironment;
import dev.flotilla.HistoryRecorder;
import dev.flotilla.audit.AuditActivities;
import dev.flotilla.audit.AuditEvent;
import dev.flotilla.common.WorkflowCatalog;
import dev.flotilla.component.ComponentActivities;
import dev.flotilla.component.ComponentRecords;
import dev.flotilla.component.ComponentStatus;
import dev.flotilla.component.HealthReport;
import dev.flotilla.events.SystemEvent;
import dev.flotilla.retention.DeletedRows;
import dev.flotilla.retention.RetentionActivities;
import dev.flotilla.retention.RetentionWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

class MaintenanceWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension workflows =
      FlotillaTestEnvironment.extension(MaintenanceWorkflowImpl.class, RetentionWorkflowImpl.class)
          .build();

  private final ComponentActivities components =
      mock(ComponentActivities.class, withSettings().withoutAnnotations());
  private final ComponentRecords records =
      mock(ComponentRecords.class, withSettings().withoutAnnotations());
  private final MaintenanceActivities backups =
      mock(MaintenanceActivities.class, withSettings().withoutAnnotations());
  private final RetentionActivities retention =
      mock(RetentionActivities.class, withSettings().withoutAnnotations());
  private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  private final AuditActivities audit = events::add;

  private static final BackupManifest BACKUP =
      new BackupManifest(
          "flotilla-20261126T060000Z",
          "/var/backups/flotilla-20261126T060000Z",
          "7",
          List.of(new TableRows("audit_events", 12)));

  private MaintenanceWorkflow start(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker, MaintenancePlan plan) {
    worker.registerActivitiesImplementations(components, records, backups, retention, audit);
    env.start();
    return client.newWorkflowStub(
        MaintenanceWorkflow.class,
        WorkflowOptions.newBuilder(WorkflowCatalog.get("maintenance").startOptions(plan))
            .setTaskQueue(worker.getTaskQueue())
            .build());
  }

  @Test
  void aRunChecksEveryComponentRestartsTheUnhealthyOneCleansUpAndBacksUp(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(components.deployedComponents()).thenReturn(List.of("db", "web"));
    when(components.probeHealth("web")).thenReturn(new HealthReport("web", 1, 1, List.of()));
    when(components.probeHealth("db"))
        .thenReturn(new HealthReport("db", 1, 0, List.of("instance 0: not running (exit code 1)")));
    when(components.restartUnhealthy(anyString(), anyString()))
        .thenReturn(new ComponentStatus("db", 1, List.of(), true));
    when(retention.purgeAudit(any())).thenReturn(List.of(new DeletedRows("audit_events", 3)));
    when(retention.purgeCycleData(any())).thenReturn(List.of());
    when(retention.purgeAlertDeliveries(any())).thenReturn(List.of());
    when(records.purgeFinishedOperations(any()))
        .thenReturn(new DeletedRows("component_operations", 4));
    when(backups.backupDatabase(anyString(), anyString())).thenReturn(BACKUP);
    when(backups.pruneBackups(anyString(), anyInt())).thenReturn(List.of("flotilla-old"));
    MaintenancePlan plan = MaintenancePlan.defaults();
    MaintenanceWorkflow workflow = start(env, client, worker, plan);

    MaintenanceResult result = workflow.run(plan);

    assertThat(result.health()).extracting(HealthReport::component).containsExactly("db", "web");
    assertThat(result.restarted()).containsExactly("db");
    assertThat(result.retention().total()).isEqualTo(3);
    assertThat(result.componentRecords().rows()).isEqualTo(4);
    assertThat(result.backup()).isEqualTo(BACKUP);
    assertThat(result.prunedBackups()).containsExactly("flotilla-old");
    ArgumentCaptor<String> backupId = ArgumentCaptor.forClass(String.class);
    verify(backups)
        .backupDatabase(org.mockito.ArgumentMatchers.eq(".flotilla/backups"), backupId.capture());
    assertThat(backupId.getValue()).matches("flotilla-\\d{8}T\\d{6}Z");
    ArgumentCaptor<Instant> cutoff = ArgumentCaptor.forClass(Instant.class);
    verify(records).purgeFinishedOperations(cutoff.capture());
    // 30 days of component records against the retention child's 90 days of audit, both counted
    // back from workflow time.
    assertThat(Duration.between(result.retention().auditCutoff(), cutoff.getValue()))
        .isBetween(Duration.ofDays(60), Duration.ofDays(60).plusMinutes(1));
    assertThat(events)
        .extracting(AuditEvent::eventType)
        .containsExactly(
            SystemEvent.WORKFLOW_STARTED,
            SystemEvent.COMPONENT_FAILURE,
            SystemEvent.WORKFLOW_COMPLETED);
    HistoryRecorder.saveIfAsked(client, "maintenance", "maintenance.json");
  }

  @Test
  void aRestoreRunRestoresAndDoesNothingElse(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(backups.restoreDatabase(".flotilla/backups", "flotilla-20261126T060000Z"))
        .thenReturn(BACKUP);
    MaintenancePlan plan =
        new MaintenancePlan(null, null, null, null, null, null, null, "flotilla-20261126T060000Z");
    MaintenanceWorkflow workflow = start(env, client, worker, plan);

    MaintenanceResult result = workflow.run(plan);

    assertThat(result.restored()).isTrue();
    assertThat(result.backup()).isEqualTo(BACKUP);
    verify(components, never()).deployedComponents();
    verify(backups, never()).backupDatabase(anyString(), anyString());
  }

  @Test
  void aBackupIdThatIsAPathIsRefused() {
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    new MaintenancePlan(null, null, null, null, null, null, null, "../etc")
                        .validate()))
        .hasMessage(
            "maintenance: 'restoreFrom' must be a backup ID such as flotilla-20261126T070000Z");
  }
}
