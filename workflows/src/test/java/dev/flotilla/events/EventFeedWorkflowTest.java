package dev.flotilla.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.FlotillaTestEnvironment;
import dev.flotilla.HistoryRecorder;
import dev.flotilla.common.TaskQueues;
import dev.flotilla.component.ComponentHistoryWorkflow;
import dev.flotilla.component.ComponentHistoryWorkflowImpl;
import dev.flotilla.component.ComponentRecords;
import dev.flotilla.component.HistoryRequest;
import dev.flotilla.component.OperationRecord;
import dev.flotilla.retention.DeletedRows;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The two read workflows the CLI uses to reach Flotilla's database. */
class EventFeedWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension workflows =
      FlotillaTestEnvironment.extension(
              EventFeedWorkflowImpl.class, ComponentHistoryWorkflowImpl.class)
          .build();

  private static final Instant T = Instant.parse("2026-11-26T06:00:00Z");

  @Test
  void aReadReturnsThePageTheActivityRead(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    EventEntry entry =
        new EventEntry(
            7,
            T,
            "component/web",
            "component",
            "deploy",
            "op-1",
            SystemEvent.COMPONENT_OPERATION_SUCCESS,
            Map.of("detail", "deploy web: 1/1 instances healthy"));
    EventFeedActivities feed = query -> new EventPage(List.of(entry), 7);
    ComponentRecords records =
        new ComponentRecords() {
          @Override
          public void recordOperation(OperationRecord record) {}

          @Override
          public List<OperationRecord> operationHistory(String component, int limit) {
            return List.of(
                new OperationRecord(
                    component,
                    "op-1",
                    "deploy",
                    "SUCCEEDED",
                    1,
                    1,
                    0,
                    "normal",
                    "alice",
                    "component/" + component,
                    "ok",
                    T,
                    T));
          }

          @Override
          public DeletedRows purgeFinishedOperations(Instant cutoff) {
            return new DeletedRows("component_operations", 0);
          }
        };
    worker.registerActivitiesImplementations(feed, records);
    env.start();

    EventQuery query = new EventQuery(0L, null, 50);
    EventPage page =
        client
            .newWorkflowStub(EventFeedWorkflow.class, readOptions(query.workflowId(), worker))
            .read(query);
    HistoryRequest history = new HistoryRequest("web", 5);
    List<OperationRecord> operations =
        client
            .newWorkflowStub(
                ComponentHistoryWorkflow.class, readOptions(history.workflowId(), worker))
            .read(history);

    assertThat(page.events()).containsExactly(entry);
    assertThat(page.lastId()).isEqualTo(7);
    assertThat(operations).extracting(OperationRecord::operationId).containsExactly("op-1");
    HistoryRecorder.saveIfAsked(client, query.workflowId(), "event-feed.json");
    HistoryRecorder.saveIfAsked(client, history.workflowId(), "component-history.json");
  }

  private static WorkflowOptions readOptions(String workflowId, Worker worker) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(worker.getTaskQueue() == null ? TaskQueues.CORE : worker.getTaskQueue())
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build();
  }
}
