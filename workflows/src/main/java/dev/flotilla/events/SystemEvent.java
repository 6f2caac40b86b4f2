package dev.flotilla.events;

import java.util.List;

/**
 * The event log's types. They are rows of the audit trail ({@code audit_events.event_type}),
 * written by workflows through the idempotent audit activity, and what {@code flotilla events}
 * shows.
 */
public final class SystemEvent {
  /** A request was accepted: its workflow exists and waits for a worker. */
  public static final String WORKFLOW_QUEUED = "workflow.queued";

  /** A worker began the work. */
  public static final String WORKFLOW_STARTED = "workflow.started";

  public static final String WORKFLOW_COMPLETED = "workflow.completed";
  public static final String WORKFLOW_FAILED = "workflow.failed";
  public static final String COMPONENT_OPERATION_SUCCESS = "component.operation.success";
  public static final String COMPONENT_OPERATION_FAILED = "component.operation.failed";

  /** A component failed its health check. */
  public static final String COMPONENT_FAILURE = "component.failure";

  /** Work waited longer for a worker than {@link #OVERLOAD_QUEUE_SECONDS}. */
  public static final String SYSTEM_OVERLOAD = "system.overload";

  /** Queue time past which a workflow reports the workers as overloaded. */
  public static final int OVERLOAD_QUEUE_SECONDS = 30;

  private SystemEvent() {}

  public static List<String> all() {
    return List.of(
        WORKFLOW_QUEUED,
        WORKFLOW_STARTED,
        WORKFLOW_COMPLETED,
        WORKFLOW_FAILED,
        COMPONENT_OPERATION_SUCCESS,
        COMPONENT_OPERATION_FAILED,
        COMPONENT_FAILURE,
        SYSTEM_OVERLOAD);
  }
}
