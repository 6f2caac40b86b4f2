package dev.flotilla;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.util.List;

/**
 * Temporal's limits that the in-memory test server does not enforce, measured on a recorded
 * history: its length and the most activities and children it ever had open at once.
 */
public record HistoryLimits(int events, int maxPendingActivities, int maxPendingChildren) {

  public static HistoryLimits of(WorkflowClient client, String workflowId) {
    List<HistoryEvent> events = client.fetchHistory(workflowId).getEvents();
    int activities = 0;
    int children = 0;
    int maxActivities = 0;
    int maxChildren = 0;
    for (HistoryEvent event : events) {
      switch (event.getEventType()) {
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED ->
            maxActivities = Math.max(maxActivities, ++activities);
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
            EVENT_TYPE_ACTIVITY_TASK_FAILED,
            EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT,
            EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
            activities--;
        case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED ->
            maxChildren = Math.max(maxChildren, ++children);
        case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED,
            EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED,
            EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED,
            EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED,
            EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT,
            EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED ->
            children--;
        default -> {}
      }
    }
    return new HistoryLimits(events.size(), maxActivities, maxChildren);
  }
}
