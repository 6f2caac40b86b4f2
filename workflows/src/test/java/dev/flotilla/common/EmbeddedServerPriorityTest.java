package dev.flotilla.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the in-process test server (SDK 1.38) does with task priorities: tasks that wait in a task
 * queue's backlog leave it lowest key first. Four runs, started low to critical, each schedule one
 * activity while no activity worker polls; a worker with one activity slot then runs them critical
 * first. (Ties and tasks handed straight to a waiting poller are not ordered; the real-server lane
 * tests ordering under load.)
 */
class EmbeddedServerPriorityTest {
  private static final String WORKFLOWS = "priority-workflows";
  private static final String ACTIVITIES = "priority-activities";

  @ActivityInterface
  public interface Work {
    void perform(String label);
  }

  @WorkflowInterface
  public interface PrioritizedWork {
    @WorkflowMethod
    void run(String label);
  }

  public static final class PrioritizedWorkImpl implements PrioritizedWork {
    @Override
    public void run(String label) {
      Workflow.newActivityStub(
              Work.class,
              ActivityOptions.newBuilder()
                  .setTaskQueue(ACTIVITIES)
                  .setStartToCloseTimeout(Duration.ofSeconds(30))
                  .setPriority(WorkPriority.parse(label).temporal())
                  .build())
          .perform(label);
    }
  }

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void backloggedActivitiesRunInPriorityOrder() {
    env.newWorker(WORKFLOWS).registerWorkflowImplementationTypes(PrioritizedWorkImpl.class);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    List<WorkflowStub> runs = new java.util.ArrayList<>();
    for (String label : List.of("low", "normal", "high", "critical")) {
      WorkflowStub run =
          client.newUntypedWorkflowStub(
              "PrioritizedWork",
              WorkflowOptions.newBuilder()
                  .setWorkflowId("priority/" + label)
                  .setTaskQueue(WORKFLOWS)
                  .setPriority(WorkPriority.parse(label).temporal())
                  .build());
      run.start(label);
      runs.add(run);
    }
    // Every activity is scheduled and waiting before anything polls their queue.
    for (WorkflowStub run : runs) {
      awaitPendingActivity(client, run.getExecution().getWorkflowId());
    }

    List<String> performed = new CopyOnWriteArrayList<>();
    WorkerFactory late = WorkerFactory.newInstance(client);
    Worker activities =
        late.newWorker(
            ACTIVITIES,
            WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(1)
                .setMaxConcurrentActivityTaskPollers(1)
                .build());
    activities.registerActivitiesImplementations((Work) performed::add);
    late.start();
    runs.forEach(run -> run.getResult(Void.class));
    late.shutdownNow();

    assertThat(performed).containsExactly("critical", "high", "normal", "low");
  }

  /** A bounded wait on the server's own view: the run has its activity scheduled. */
  private static void awaitPendingActivity(WorkflowClient client, String workflowId) {
    for (int poll = 0; poll < 200; poll++) {
      if (client
              .newUntypedWorkflowStub(workflowId)
              .describe()
              .getRawDescription()
              .getPendingActivitiesCount()
          > 0) {
        return;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError(workflowId + " never scheduled its activity");
  }
}
