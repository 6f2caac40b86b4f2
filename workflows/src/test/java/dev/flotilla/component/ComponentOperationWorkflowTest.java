package dev.flotilla.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.flotilla.FlotillaTestEnvironment;
import dev.flotilla.HistoryLimits;
import dev.flotilla.audit.AuditActivities;
import dev.flotilla.audit.AuditEvent;
import dev.flotilla.common.ActivityPresets;
import dev.flotilla.common.FlotillaSearchAttributes;
import dev.flotilla.common.WorkPriority;
import dev.flotilla.common.WorkflowCatalog;
import dev.flotilla.events.SystemEvent;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

class ComponentOperationWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension workflows =
      FlotillaTestEnvironment.extension(ComponentOperationWorkflowImpl.class).build();

  private final ComponentActivities runtime =
      mock(ComponentActivities.class, withSettings().withoutAnnotations());
  private final ComponentRecords records =
      mock(ComponentRecords.class, withSettings().withoutAnnotations());
  private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  private final AuditActivities audit = events::add;

  static final ComponentManifest WEB =
      new ComponentManifest(
          "web", List.of("web-server"), null, null, 2, HealthCheck.http(8080, "/health"), null);

  static ComponentStatus running(int instances) {
    return new ComponentStatus(
        "web",
        instances,
        java.util.stream.IntStream.range(0, instances)
            .mapToObj(i -> new InstanceStatus(i, 100L + i, 8080 + i, true, 0))
            .toList(),
        true);
  }

  static final HealthReport HEALTHY = new HealthReport("web", 2, 2, List.of());

  private ComponentOperationWorkflow start(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker, ComponentRequest request) {
    worker.registerActivitiesImplementations(runtime, records, audit);
    env.start();
    return client.newWorkflowStub(
        ComponentOperationWorkflow.class,
        WorkflowOptions.newBuilder(WorkflowCatalog.get("component").startOptions(request))
            .setTaskQueue(worker.getTaskQueue())
            .build());
  }

  private static ComponentRequest deploy(String priority) {
    return new ComponentRequest(
        "web", ComponentOperation.DEPLOY, WEB, null, "deploy-42", priority, "alice", null);
  }

  @Test
  void aHealthyDeployRecordsItsHistoryAndTheEventLog(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(runtime.applyOperation(any())).thenReturn(running(2));
    when(runtime.awaitHealthy("web")).thenReturn(HEALTHY);
    ComponentOperationWorkflow workflow = start(env, client, worker, deploy(null));

    ComponentResult result = workflow.run(deploy(null));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.detail()).isEqualTo("deploy web: 2/2 instances healthy");
    verify(runtime)
        .applyOperation(
            new ComponentCommand("web", ComponentOperation.DEPLOY, WEB, null, "deploy-42"));
    ArgumentCaptor<OperationRecord> record = ArgumentCaptor.forClass(OperationRecord.class);
    verify(records).recordOperation(record.capture());
    assertThat(record.getValue())
        .extracting(
            OperationRecord::operationId,
            OperationRecord::status,
            OperationRecord::instances,
            OperationRecord::healthyInstances,
            OperationRecord::priority)
        .containsExactly("deploy-42", "SUCCEEDED", 2, 2, "normal");
    assertThat(events)
        .extracting(AuditEvent::eventType)
        .containsExactly(
            SystemEvent.WORKFLOW_QUEUED,
            SystemEvent.WORKFLOW_STARTED,
            SystemEvent.COMPONENT_OPERATION_SUCCESS,
            SystemEvent.WORKFLOW_COMPLETED);
    assertThat(events).allSatisfy(e -> assertThat(e.item()).isEqualTo("deploy-42"));
    var attributes = WorkflowStub.fromTyped(workflow).describe().getTypedSearchAttributes();
    assertThat(attributes.get(FlotillaSearchAttributes.STAGE)).isEqualTo("Done");
    assertThat(attributes.get(FlotillaSearchAttributes.KIND)).isEqualTo("component");
    assertThat(attributes.get(FlotillaSearchAttributes.SCOPE)).isEqualTo("web");
    dev.flotilla.HistoryRecorder.saveIfAsked(client, "component/web", "component-deploy.json");
    HistoryLimits limits = HistoryLimits.of(client, "component/web");
    assertThat(limits.events()).isLessThan(100);
    assertThat(limits.maxPendingActivities()).isEqualTo(1);
  }

  @Test
  void anUnhealthyComponentIsRestartedAndCheckedAgain(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(runtime.applyOperation(any())).thenReturn(running(2));
    when(runtime.awaitHealthy("web"))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "web is not healthy (1/2): instance 1: connection refused",
                ActivityPresets.COMPONENT_UNHEALTHY))
        .thenReturn(HEALTHY);
    when(runtime.restartUnhealthy(eq("web"), anyString())).thenReturn(running(2));
    ComponentOperationWorkflow workflow = start(env, client, worker, deploy("high"));

    ComponentResult result = workflow.run(deploy("high"));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.automaticRestarts()).isEqualTo(1);
    verify(runtime).restartUnhealthy("web", "deploy-42/restart-1");
    dev.flotilla.HistoryRecorder.saveIfAsked(client, "component/web", "component-restarted.json");
    assertThat(events)
        .filteredOn(e -> e.eventType().equals(SystemEvent.COMPONENT_FAILURE))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.details())
                    .containsEntry(
                        "problem", "web is not healthy (1/2): instance 1: connection refused"));
  }

  @Test
  void aComponentThatStaysUnhealthyFailsTheOperationAfterItsRestarts(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(runtime.applyOperation(any())).thenReturn(running(2));
    when(runtime.awaitHealthy("web"))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "web is not healthy (0/2)", ActivityPresets.COMPONENT_UNHEALTHY));
    when(runtime.restartUnhealthy(eq("web"), anyString())).thenReturn(running(2));
    ComponentRequest request =
        new ComponentRequest(
            "web", ComponentOperation.DEPLOY, WEB, null, "deploy-43", null, "alice", 2);
    ComponentOperationWorkflow workflow = start(env, client, worker, request);

    Throwable failure = catchThrowable(() -> workflow.run(request));

    assertThat(failure).isInstanceOf(WorkflowFailedException.class);
    assertThat(dev.flotilla.common.Failures.rootMessage(failure))
        .isEqualTo(
            "deploy web: still unhealthy after 2 automatic restart(s): web is not healthy (0/2)");
    verify(runtime).restartUnhealthy("web", "deploy-43/restart-1");
    verify(runtime).restartUnhealthy("web", "deploy-43/restart-2");
    ArgumentCaptor<OperationRecord> record = ArgumentCaptor.forClass(OperationRecord.class);
    verify(records).recordOperation(record.capture());
    assertThat(record.getValue().status()).isEqualTo("FAILED");
    assertThat(record.getValue().automaticRestarts()).isEqualTo(2);
    assertThat(events)
        .extracting(AuditEvent::eventType)
        .containsSubsequence(
            SystemEvent.COMPONENT_FAILURE,
            SystemEvent.COMPONENT_FAILURE,
            SystemEvent.COMPONENT_FAILURE,
            SystemEvent.COMPONENT_OPERATION_FAILED,
            SystemEvent.WORKFLOW_FAILED);
  }

  /**
   * The queue time is measured from the run's start to its first workflow task. A start delay
   * stands in for busy workers here: with a workflow task waiting, the test server does not skip
   * time, so a missing worker would cost minutes of real time.
   */
  @Test
  void aRunWhoseFirstTaskCameLateReportsOverload(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(runtime.applyOperation(any())).thenReturn(running(2));
    when(runtime.awaitHealthy("web")).thenReturn(HEALTHY);
    ComponentRequest request = deploy("low");
    ComponentOperationWorkflow workflow = start(env, client, worker, request);
    ComponentOperationWorkflow delayed =
        client.newWorkflowStub(
            ComponentOperationWorkflow.class,
            WorkflowOptions.newBuilder(WorkflowStub.fromTyped(workflow).getOptions().orElseThrow())
                .setStartDelay(java.time.Duration.ofMinutes(2))
                .build());

    delayed.run(request);

    assertThat(events)
        .filteredOn(e -> e.eventType().equals(SystemEvent.SYSTEM_OVERLOAD))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(Long.parseLong(e.details().get("queuedSeconds")))
                  .isGreaterThanOrEqualTo(120);
              assertThat(e.details()).containsEntry("priority", "low");
            });
  }

  @Test
  void stopChecksNoHealthAndAStoppedComponentIsNotRestarted(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(runtime.applyOperation(any())).thenReturn(new ComponentStatus("web", 0, List.of(), true));
    ComponentRequest stop = ComponentRequest.of("web", ComponentOperation.STOP, null);
    ComponentOperationWorkflow workflow = start(env, client, worker, stop);

    ComponentResult result = workflow.run(stop);

    assertThat(result.succeeded()).isTrue();
    assertThat(result.health()).isNull();
    verify(runtime, never()).awaitHealthy(anyString());
  }

  @Test
  void aSecondOperationOnTheSameComponentIsRefusedWhileTheFirstRuns(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(runtime.applyOperation(any())).thenReturn(running(2));
    // Retryable and never healthy: the first operation stays open in its health check.
    when(runtime.awaitHealthy("web"))
        .thenThrow(ApplicationFailure.newFailure("starting", ActivityPresets.COMPONENT_UNHEALTHY));
    ComponentOperationWorkflow first = start(env, client, worker, deploy(null));
    WorkflowClient.start(first::run, deploy(null));

    ComponentRequest restart = ComponentRequest.of("web", ComponentOperation.RESTART, null);
    ComponentOperationWorkflow second =
        client.newWorkflowStub(
            ComponentOperationWorkflow.class,
            WorkflowOptions.newBuilder(WorkflowCatalog.get("component").startOptions(restart))
                .setTaskQueue(worker.getTaskQueue())
                .build());

    assertThat(catchThrowable(() -> WorkflowClient.start(second::run, restart)))
        .isInstanceOf(WorkflowExecutionAlreadyStarted.class);
    WorkflowStub.fromTyped(first).terminate("test over");
  }

  @Test
  void priorityReachesTheStartOptionsTheSearchAttributeAndEveryActivity(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(runtime.applyOperation(any())).thenReturn(running(2));
    when(runtime.awaitHealthy("web")).thenReturn(HEALTHY);
    ComponentRequest critical = deploy("critical");
    WorkflowOptions options = WorkflowCatalog.get("component").startOptions(critical);
    assertThat(options.getPriority().getPriorityKey()).isEqualTo(1);
    ComponentOperationWorkflow workflow = start(env, client, worker, critical);

    workflow.run(critical);

    var attributes = WorkflowStub.fromTyped(workflow).describe().getTypedSearchAttributes();
    assertThat(attributes.get(FlotillaSearchAttributes.PRIORITY)).isEqualTo("critical");
    List<HistoryEvent> history = client.fetchHistory("component/web").getEvents();
    assertThat(
            history
                .get(0)
                .getWorkflowExecutionStartedEventAttributes()
                .getPriority()
                .getPriorityKey())
        .isEqualTo(1);
    List<String> componentActivities =
        history.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .map(HistoryEvent::getActivityTaskScheduledEventAttributes)
            .filter(a -> !a.getActivityType().getName().equals("Record"))
            .map(a -> a.getActivityType().getName() + "=" + a.getPriority().getPriorityKey())
            .toList();
    assertThat(componentActivities)
        .containsExactly("ApplyOperation=1", "AwaitHealthy=1", "RecordOperation=1");
  }

  @Test
  void prioritiesMapToTemporalKeysAndUnknownOnesAreRefused() {
    assertThat(WorkPriority.parse("HIGH").key()).isEqualTo(2);
    assertThat(WorkPriority.parse(null)).isEqualTo(WorkPriority.NORMAL);
    assertThat(WorkPriority.LOW.temporal().getPriorityKey()).isEqualTo(4);
    assertThat(catchThrowable(() -> WorkPriority.parse("urgent")))
        .hasMessage("priority 'urgent' is not one of critical, high, normal, low");
    assertThat(
            WorkflowCatalog.get("hello")
                .startOptions(new dev.flotilla.hello.HelloRequest("x", null))
                .getPriority())
        .isNull();
  }

  @Test
  void badRequestsNameWhatIsWrong() {
    assertThat(
            catchThrowable(
                () ->
                    new ComponentRequest(
                            "web", ComponentOperation.SCALE, null, null, null, null, null, null)
                        .validate()))
        .hasMessage("component web: 'instances' must be between 0 and 20, not null");
    assertThat(
            catchThrowable(
                () -> ComponentRequest.of("web", ComponentOperation.DEPLOY, null).validate()))
        .hasMessage("component web: deploy needs a manifest (command, instances, health)");
    assertThat(
            catchThrowable(
                () -> ComponentRequest.of("api", ComponentOperation.UPDATE, WEB).validate()))
        .hasMessage("component api: the manifest is for 'web'; name the same component in both");
    assertThat(
            catchThrowable(
                () ->
                    ComponentRequest.of(
                            "web",
                            ComponentOperation.DEPLOY,
                            new ComponentManifest(
                                "web",
                                List.of("x"),
                                null,
                                java.util.Map.of("T", "hunter2"),
                                1,
                                null,
                                null))
                        .validate()))
        .hasMessage("component web: secretEnv.T must be a reference, env:NAME or file:/path");
  }
}
