package dev.flotilla.events;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One read of the event log, so that {@code flotilla events}, which knows only Temporal, can page
 * through a table only workers can reach. {@code --follow} runs one read per poll with the last
 * cursor.
 */
@WorkflowInterface
public interface EventFeedWorkflow {
  String TYPE = "EventFeed";

  @WorkflowMethod(name = TYPE)
  EventPage read(EventQuery query);
}
