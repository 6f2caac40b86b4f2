package dev.flotilla.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.audit.AuditEvent;
import dev.flotilla.audit.AuditLog;
import dev.flotilla.store.TestDatabases;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class EventFeedActivitiesTest {

  @Test
  void readsTheLogsEventTypesInOrderFromACursor() {
    DataSource db = TestDatabases.freshMigrated();
    AuditLog log = new AuditLog(db);
    log.record(event("component/web", "deploy", SystemEvent.WORKFLOW_STARTED), "run-1");
    log.record(event("optimization-cycle/x", "Analysis", "stage-started"), "run-2");
    log.record(event("component/web", "deploy", SystemEvent.COMPONENT_FAILURE), "run-1");
    log.record(event("component/web", "deploy", SystemEvent.COMPONENT_OPERATION_SUCCESS), "run-1");
    EventFeedActivitiesImpl feed = new EventFeedActivitiesImpl(db);

    EventPage all = feed.readEvents(new EventQuery(null, null, null));
    EventPage components = feed.readEvents(new EventQuery(null, List.of("component."), 1));
    EventPage next =
        feed.readEvents(new EventQuery(components.lastId(), List.of("component."), 10));
    EventPage nothingNew = feed.readEvents(new EventQuery(all.lastId(), null, null));

    assertThat(all.events())
        .extracting(EventEntry::eventType)
        .containsExactly(
            SystemEvent.WORKFLOW_STARTED,
            SystemEvent.COMPONENT_FAILURE,
            SystemEvent.COMPONENT_OPERATION_SUCCESS);
    assertThat(all.events().get(1).details()).containsEntry("component", "web");
    assertThat(components.events())
        .extracting(EventEntry::eventType)
        .containsExactly(SystemEvent.COMPONENT_FAILURE);
    assertThat(next.events())
        .extracting(EventEntry::eventType)
        .containsExactly(SystemEvent.COMPONENT_OPERATION_SUCCESS);
    assertThat(nothingNew.events()).isEmpty();
    assertThat(nothingNew.lastId()).isEqualTo(all.lastId());
  }

  private static AuditEvent event(String workflowId, String stage, String type) {
    return new AuditEvent(
        workflowId, "component", stage, "op-1", type, "alice", Map.of("component", "web"));
  }
}
