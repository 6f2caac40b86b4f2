package dev.flotilla.component;

import static dev.flotilla.common.ActivityPresets.summarized;

import dev.flotilla.audit.StageAudit;
import dev.flotilla.common.ActivityPresets;
import dev.flotilla.common.Failures;
import dev.flotilla.common.FlotillaSearchAttributes;
import dev.flotilla.common.WorkPriority;
import dev.flotilla.events.SystemEvent;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

public final class ComponentOperationWorkflowImpl implements ComponentOperationWorkflow {
  static final String KIND = "component";

  /** The failure type of an operation that did not leave the component as asked. */
  public static final String OPERATION_FAILED = "ComponentOperationFailed";

  private ComponentRequest request;
  private String operationId;
  private Instant startedAt;
  private StageAudit events;
  private String actor;
  private ComponentActivities runtime;
  private ComponentActivities health;
  private ComponentRecords records;
  private int automaticRestarts;

  @Override
  public ComponentResult run(ComponentRequest request) {
    request.validate();
    this.request = request;
    WorkPriority priority = request.workPriority();
    operationId =
        request.operationId() != null
            ? request.operationId()
            : Workflow.getInfo().getFirstExecutionRunId();
    startedAt = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    actor = request.requestedBy() == null ? "flotilla" : request.requestedBy();
    events = new StageAudit(Workflow.getInfo().getWorkflowId(), KIND, actor);
    runtime = stub(ActivityPresets.COMPONENT_OPERATION, priority, "Apply " + describe());
    health = stub(ActivityPresets.COMPONENT_HEALTH, priority, "Health of " + request.component());
    records =
        Workflow.newActivityStub(
            ComponentRecords.class,
            ActivityOptions.newBuilder(summarized(ActivityPresets.QUICK, "Operation history"))
                .setPriority(priority.temporal())
                .build());
    Workflow.upsertTypedSearchAttributes(
        FlotillaSearchAttributes.SCOPE.valueSet(request.component()));

    announceStart(priority);
    ComponentStatus status;
    try {
      stage("Applying");
      status =
          runtime.applyOperation(
              new ComponentCommand(
                  request.component(),
                  request.operation(),
                  request.manifest(),
                  request.instances(),
                  operationId));
    } catch (ActivityFailure e) {
      throw fail(null, null, describe() + " failed: " + Failures.rootMessage(e));
    }
    if (status.desiredInstances() == 0) {
      // Nothing is meant to run, so there is nothing to be healthy.
      return succeed(status, null, describe() + ": no instance runs");
    }
    HealthReport report = healthyOrRestarted(status);
    return succeed(
        status,
        report,
        describe()
            + ": "
            + report.healthyInstances()
            + "/"
            + report.instances()
            + " instances healthy"
            + (automaticRestarts == 0 ? "" : " after " + automaticRestarts + " restart(s)"));
  }

  /**
   * Waits for the component to pass its health check (the health activity's retries are the wait);
   * when it does not, restarts what is unhealthy and waits again, at most maxRestarts times.
   */
  private HealthReport healthyOrRestarted(ComponentStatus status) {
    while (true) {
      stage(automaticRestarts == 0 ? "Health check" : "Health check after restart");
      try {
        return health.awaitHealthy(request.component());
      } catch (ActivityFailure e) {
        String problem = Failures.rootMessage(e);
        events.record(
            request.operation().label(),
            operationId + "#" + automaticRestarts,
            SystemEvent.COMPONENT_FAILURE,
            actor,
            Map.of("component", request.component(), "problem", problem));
        if (automaticRestarts >= request.maxRestarts()) {
          throw fail(
              status,
              null,
              describe()
                  + ": still unhealthy after "
                  + automaticRestarts
                  + " automatic restart(s): "
                  + problem);
        }
        automaticRestarts++;
        stage("Restarting unhealthy instances");
        try {
          runtime.restartUnhealthy(
              request.component(), operationId + "/restart-" + automaticRestarts);
        } catch (ActivityFailure restartFailed) {
          throw fail(
              status,
              null,
              describe() + ": automatic restart failed: " + Failures.rootMessage(restartFailed));
        }
      }
    }
  }

  /** workflow.queued as of the run's start, workflow.started now, system.overload if it waited. */
  private void announceStart(WorkPriority priority) {
    Instant queuedAt = Instant.ofEpochMilli(Workflow.getInfo().getRunStartedTimestampMillis());
    Duration waited = Duration.between(queuedAt, startedAt);
    event(
        SystemEvent.WORKFLOW_QUEUED,
        Map.of("priority", priority.label(), "queuedAt", queuedAt.toString()));
    if (waited.getSeconds() >= SystemEvent.OVERLOAD_QUEUE_SECONDS) {
      // The first workflow task came this late: the workers cannot keep up with the queue.
      event(
          SystemEvent.SYSTEM_OVERLOAD,
          Map.of(
              "queuedSeconds", Long.toString(waited.getSeconds()), "priority", priority.label()));
    }
    event(SystemEvent.WORKFLOW_STARTED, Map.of("operation", request.operation().label()));
  }

  private ComponentResult succeed(ComponentStatus status, HealthReport report, String detail) {
    stage("Done");
    record("SUCCEEDED", status, report, detail);
    event(SystemEvent.COMPONENT_OPERATION_SUCCESS, Map.of("detail", detail));
    event(SystemEvent.WORKFLOW_COMPLETED, Map.of("detail", detail));
    return new ComponentResult(
        request.component(),
        request.operation(),
        operationId,
        true,
        status,
        report,
        automaticRestarts,
        detail);
  }

  /** Records the failure and returns the exception that fails the run with it, not retried. */
  private ApplicationFailure fail(ComponentStatus status, HealthReport report, String detail) {
    stage("Failed");
    record("FAILED", status, report, detail);
    event(SystemEvent.COMPONENT_OPERATION_FAILED, Map.of("detail", detail));
    event(SystemEvent.WORKFLOW_FAILED, Map.of("detail", detail));
    return ApplicationFailure.newNonRetryableFailure(detail, OPERATION_FAILED);
  }

  private void record(String outcome, ComponentStatus status, HealthReport report, String detail) {
    records.recordOperation(
        new OperationRecord(
            request.component(),
            operationId,
            request.operation().label(),
            outcome,
            status == null ? 0 : (int) status.running(),
            report == null ? 0 : report.healthyInstances(),
            automaticRestarts,
            request.workPriority().label(),
            request.requestedBy(),
            Workflow.getInfo().getWorkflowId(),
            detail,
            startedAt,
            Instant.ofEpochMilli(Workflow.currentTimeMillis())));
  }

  private void event(String type, Map<String, String> details) {
    events.record(request.operation().label(), operationId, type, actor, details);
  }

  private String describe() {
    return request.operation().label() + " " + request.component();
  }

  private static void stage(String name) {
    Workflow.upsertTypedSearchAttributes(FlotillaSearchAttributes.STAGE.valueSet(name));
  }

  private static ComponentActivities stub(
      ActivityOptions preset, WorkPriority priority, String summary) {
    return Workflow.newActivityStub(
        ComponentActivities.class,
        ActivityOptions.newBuilder(summarized(preset, summary))
            .setPriority(priority.temporal())
            .build());
  }
}
