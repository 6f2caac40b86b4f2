package dev.flotilla.events;

import dev.flotilla.common.ActivityPresets;
import io.temporal.workflow.Workflow;

public final class EventFeedWorkflowImpl implements EventFeedWorkflow {
  private final EventFeedActivities feed =
      Workflow.newActivityStub(
          EventFeedActivities.class,
          ActivityPresets.summarized(ActivityPresets.QUICK, "Read the event log"));

  @Override
  public EventPage read(EventQuery query) {
    query.validate();
    return feed.readEvents(query);
  }
}
