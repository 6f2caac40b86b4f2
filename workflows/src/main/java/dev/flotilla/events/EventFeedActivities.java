package dev.flotilla.events;

import io.temporal.activity.ActivityInterface;

/** Reads the event log from Flotilla's database. */
@ActivityInterface
public interface EventFeedActivities {
  EventPage readEvents(EventQuery query);
}
