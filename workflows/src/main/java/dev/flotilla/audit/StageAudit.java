package dev.flotilla.audit;

import dev.flotilla.common.ActivityPresets;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Writes a workflow's audit trail from workflow code. A failed audit write is logged and the work
 * goes on: the trail records the business process, it must not be able to stop it.
 */
public final class StageAudit {
  private static final Logger log = Workflow.getLogger(StageAudit.class);

  private final AuditActivities audit =
      Workflow.newActivityStub(
          AuditActivities.class, ActivityPresets.summarized(ActivityPresets.QUICK, "Audit trail"));
  private final String workflowId;
  private final String kind;
  private final String actor;

  public StageAudit(String workflowId, String kind, String actor) {
    this.workflowId = workflowId;
    this.kind = kind;
    this.actor = actor;
  }

  public void record(String stage, String eventType, Map<String, String> details) {
    record(stage, "", eventType, actor, details);
  }

  public void record(
      String stage, String item, String eventType, String actor, Map<String, String> details) {
    try {
      audit.record(new AuditEvent(workflowId, kind, stage, item, eventType, actor, details));
    } catch (ActivityFailure e) {
      log.warn("audit event {} of stage {} not recorded: {}", eventType, stage, e.getMessage());
    }
  }
}
