package dev.flotilla.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.flotilla.FlotillaTestEnvironment;
import dev.flotilla.common.FlotillaSearchAttributes;
import dev.flotilla.common.WorkflowCatalog;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RetentionWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension workflows =
      FlotillaTestEnvironment.extension(RetentionWorkflowImpl.class).build();

  @Test
  void givenTheDefaultPolicy_whenRun_itShouldPassCutoffsOf90And30DaysBeforeWorkflowTime(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    RetentionActivities retention =
        mock(RetentionActivities.class, withSettings().withoutAnnotations());
    when(retention.purgeAudit(any()))
        .thenReturn(
            List.of(new DeletedRows("audit_events", 7), new DeletedRows("executed_actions", 1)));
    when(retention.purgeCycleData(any())).thenReturn(List.of(new DeletedRows("cycle_metrics", 3)));
    when(retention.purgeAlertDeliveries(any()))
        .thenReturn(List.of(new DeletedRows("alert_deliveries", 0)));
    worker.registerActivitiesImplementations(retention);
    env.start();
    // Time skipping moves the clock on; the cut-offs must follow workflow time, not the host's.
    env.sleep(Duration.ofDays(400));
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());

    RetentionPolicy policy = RetentionPolicy.defaults();
    RetentionWorkflow workflow =
        client.newWorkflowStub(
            RetentionWorkflow.class,
            WorkflowOptions.newBuilder(WorkflowCatalog.get("retention").startOptions(policy))
                .setTaskQueue(worker.getTaskQueue())
                .build());
    RetentionResult result = workflow.purge(policy);

    // All three cut-offs count back from one workflow instant, which is the skipped-to time.
    Instant workflowNow = result.auditCutoff().plus(days(90));
    assertThat(result.metricsCutoff()).isEqualTo(workflowNow.minus(days(30)));
    assertThat(result.deliveriesCutoff()).isEqualTo(workflowNow.minus(days(90)));
    assertThat(Duration.between(workflowNow, now).abs()).isLessThan(Duration.ofMinutes(1));
    verify(retention).purgeAudit(result.auditCutoff());
    verify(retention).purgeCycleData(result.metricsCutoff());
    verify(retention).purgeAlertDeliveries(result.deliveriesCutoff());
    assertThat(result.deleted())
        .extracting(DeletedRows::table)
        .containsExactly("audit_events", "executed_actions", "cycle_metrics", "alert_deliveries");
    assertThat(result.total()).isEqualTo(11);
    var attributes = WorkflowStub.fromTyped(workflow).describe().getTypedSearchAttributes();
    assertThat(attributes.get(FlotillaSearchAttributes.STAGE)).isEqualTo("Done");
    assertThat(attributes.get(FlotillaSearchAttributes.KIND)).isEqualTo("retention");
  }

  @Test
  void givenAPolicyOfZeroDays_whenValidated_itShouldNameTheField() {
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> new RetentionPolicy(0, null, null).validate()))
        .hasMessageContaining("'auditDays' must be between 1 and 3650 days, not 0");
  }

  private static Duration days(int days) {
    return Duration.ofDays(days);
  }
}
