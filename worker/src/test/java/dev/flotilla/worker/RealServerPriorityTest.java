package dev.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flotilla.common.WorkPriority;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the real server (the dev server of scripts/temporal-dev-server.sh, Temporal Server 1.29.1)
 * does with Flotilla's task priorities: activity tasks backlogged with no poller leave the queue by
 * priority key, and in the order they were scheduled within a key. Server 1.29 honours priority
 * only with the priority matcher ({@code matching.useNewMatcher}, off by default) and only within
 * one task-queue partition (a poller takes from one of four at random), so the script turns the
 * matcher on and keeps one partition per queue; with the defaults this test fails.
 *
 * <p>Only activity tasks are measured: each run schedules its one activity on a queue nobody polls
 * yet, and the next run starts only once the server counts the previous activity in that queue's
 * backlog, so the backlog's order of arrival is the start order. Workflow tasks are prioritised
 * too, but they go to another queue whose worker polls throughout, so they never reorder the
 * activities.
 */
@Tag("real-server")
class RealServerPriorityTest {
  private static final int ROUNDS = 3;

  @ActivityInterface
  public interface Arrival {
    void record(String label);
  }

  @WorkflowInterface
  public interface PrioritizedArrival {
    @WorkflowMethod
    void run(String activityQueue, String level, String label);
  }

  public static final class PrioritizedArrivalImpl implements PrioritizedArrival {
    @Override
    public void run(String activityQueue, String level, String label) {
      Workflow.newActivityStub(
              Arrival.class,
              ActivityOptions.newBuilder()
                  .setTaskQueue(activityQueue)
                  .setStartToCloseTimeout(Duration.ofSeconds(30))
                  .setPriority(WorkPriority.parse(level).temporal())
                  .build())
          .record(label);
    }
  }

  private WorkflowServiceStubs service;
  private WorkflowClient client;
  private final List<WorkerFactory> factories = new ArrayList<>();

  @BeforeEach
  void connect() {
    assumeTrue(TestStack.externalServer().isPresent(), "no real server (TEMPORAL_ADDRESS)");
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(TestStack.externalServer().get())
                .build());
    client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(DevStack.NAMESPACE).build());
  }

  @AfterEach
  void close() {
    factories.forEach(WorkerFactory::shutdownNow);
    if (service != null) {
      service.shutdownNow();
    }
  }

  @Test
  void backloggedActivitiesRunByPriorityThenInTheOrderTheyWereScheduled() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String workflowQueue = "priority-workflows-" + suffix;
    String activityQueue = "priority-activities-" + suffix;
    WorkerFactory workflows = WorkerFactory.newInstance(client);
    factories.add(workflows);
    workflows
        .newWorker(workflowQueue)
        .registerWorkflowImplementationTypes(PrioritizedArrivalImpl.class);
    workflows.start();

    // Interleaved: each round starts the four levels in a different order, and no level is ever
    // started in its priority position, so arrival order alone cannot pass the test.
    List<List<WorkPriority>> rounds =
        List.of(
            List.of(
                WorkPriority.LOW, WorkPriority.NORMAL, WorkPriority.CRITICAL, WorkPriority.HIGH),
            List.of(
                WorkPriority.NORMAL, WorkPriority.LOW, WorkPriority.HIGH, WorkPriority.CRITICAL),
            List.of(
                WorkPriority.HIGH, WorkPriority.CRITICAL, WorkPriority.LOW, WorkPriority.NORMAL));
    assertThat(rounds).hasSize(ROUNDS);
    List<String> scheduled = new ArrayList<>();
    List<WorkflowStub> runs = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      for (WorkPriority level : rounds.get(round)) {
        String label = level.label() + "-" + round;
        WorkflowStub run =
            client.newUntypedWorkflowStub(
                "PrioritizedArrival",
                WorkflowOptions.newBuilder()
                    .setWorkflowId("priority/" + label + "-" + suffix)
                    .setTaskQueue(workflowQueue)
                    .setPriority(level.temporal())
                    .build());
        run.start(activityQueue, level.label(), label);
        runs.add(run);
        scheduled.add(label);
        int backlogged = scheduled.size();
        await(
            label + " to be backlogged on " + activityQueue,
            () -> activityBacklog(activityQueue) == backlogged);
      }
    }

    List<String> performed = new CopyOnWriteArrayList<>();
    WorkerFactory activities = WorkerFactory.newInstance(client);
    factories.add(activities);
    activities
        .newWorker(
            activityQueue,
            WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(1)
                .setMaxConcurrentActivityTaskPollers(1)
                .build())
        .registerActivitiesImplementations((Arrival) performed::add);
    activities.start();
    for (WorkflowStub run : runs) {
      run.getResult(60, TimeUnit.SECONDS, Void.class);
    }

    List<String> expected =
        scheduled.stream()
            .sorted(Comparator.comparingInt(label -> WorkPriority.parse(levelOf(label)).key()))
            .toList();
    assertThat(performed)
        .as("scheduled %s, performed %s", scheduled, performed)
        .extracting(RealServerPriorityTest::levelOf)
        .isSortedAccordingTo(
            Comparator.comparingInt((String level) -> WorkPriority.parse(level).key()));
    // The sort is stable, so within a level `expected` keeps the scheduling order.
    assertThat(performed)
        .as("scheduled %s, performed %s", scheduled, performed)
        .containsExactlyElementsOf(expected);
  }

  private static String levelOf(String label) {
    return label.substring(0, label.indexOf('-'));
  }

  /**
   * The server's own count of activity tasks waiting on the queue for a poller. The server
   * refreshes it every few seconds (the 12 waits take about a minute), which is the price of
   * knowing the backlog's order of arrival rather than assuming it.
   */
  private long activityBacklog(String queue) {
    return service
        .blockingStub()
        .describeTaskQueue(
            DescribeTaskQueueRequest.newBuilder()
                .setNamespace(DevStack.NAMESPACE)
                .setTaskQueue(TaskQueue.newBuilder().setName(queue))
                .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)
                .setReportStats(true)
                .build())
        .getStats()
        .getApproximateBacklogCount();
  }

  private static void await(String what, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited 30 s for " + what);
      }
      Thread.sleep(50);
    }
  }
}
