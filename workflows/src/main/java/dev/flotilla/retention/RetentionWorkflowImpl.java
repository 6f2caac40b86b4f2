package dev.flotilla.retention;

import dev.flotilla.common.ActivityPresets;
import dev.flotilla.common.FlotillaSearchAttributes;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

public final class RetentionWorkflowImpl implements RetentionWorkflow {

  private final RetentionActivities retention =
      Workflow.newActivityStub(RetentionActivities.class, ActivityPresets.PURGE);

  @Override
  public RetentionResult purge(RetentionPolicy policy) {
    policy.validate();
    // Workflow time, not the activity's clock: the cut-offs are fixed in history, so retries and
    // replays delete against the same instants.
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    Instant auditCutoff = now.minus(Duration.ofDays(policy.auditDays()));
    Instant metricsCutoff = now.minus(Duration.ofDays(policy.metricsDays()));
    Instant deliveriesCutoff = now.minus(Duration.ofDays(policy.deliveriesDays()));

    List<DeletedRows> deleted = new ArrayList<>();
    stage("Audit");
    deleted.addAll(retention.purgeAudit(auditCutoff));
    stage("Metrics");
    deleted.addAll(retention.purgeCycleData(metricsCutoff));
    stage("Deliveries");
    deleted.addAll(retention.purgeAlertDeliveries(deliveriesCutoff));
    stage("Done");
    return new RetentionResult(auditCutoff, metricsCutoff, deliveriesCutoff, List.copyOf(deleted));
  }

  private static void stage(String name) {
    Workflow.upsertTypedSearchAttributes(FlotillaSearchAttributes.STAGE.valueSet(name));
  }
}
