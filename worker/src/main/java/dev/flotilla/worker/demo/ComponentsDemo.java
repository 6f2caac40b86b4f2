package dev.flotilla.worker.demo;

import dev.flotilla.common.TaskQueues;
import dev.flotilla.common.WorkflowCatalog;
import dev.flotilla.component.ComponentHistoryWorkflow;
import dev.flotilla.component.ComponentManifest;
import dev.flotilla.component.ComponentOperation;
import dev.flotilla.component.ComponentOperationWorkflow;
import dev.flotilla.component.ComponentRequest;
import dev.flotilla.component.ComponentResult;
import dev.flotilla.component.HealthCheck;
import dev.flotilla.component.HistoryRequest;
import dev.flotilla.component.InstanceStatus;
import dev.flotilla.component.OperationRecord;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real local component: two JVM processes serving HTTP, deployed, health-checked, restarted and
 * stopped through the component workflow, one operation at a time, then its recorded history.
 */
public final class ComponentsDemo implements DemoScenario {
  static final String COMPONENT = "demo-web";

  @Override
  public String name() {
    return "components";
  }

  @Override
  public Report run(WorkflowClient client) throws Exception {
    int port = DemoComponentServer.freePorts(2);
    ComponentManifest manifest =
        new ComponentManifest(
            COMPONENT,
            DemoComponentServer.command(),
            Map.of("GREETING", "hello"),
            null,
            2,
            HealthCheck.http(port, "/health"),
            null);
    List<String> lines = new ArrayList<>();

    ComponentResult deployed =
        operate(
            client,
            new ComponentRequest(
                COMPONENT, ComponentOperation.DEPLOY, manifest, null, null, "high", "demo", null));
    lines.add("deploy    " + deployed.detail() + ", pids " + pids(deployed));
    lines.add(
        "health    "
            + deployed.health().healthyInstances()
            + "/"
            + deployed.health().instances()
            + " answered GET http://127.0.0.1:"
            + port
            + "/health (and :"
            + (port + 1)
            + ")");
    ComponentResult restarted =
        operate(client, ComponentRequest.of(COMPONENT, ComponentOperation.RESTART, null));
    lines.add("restart   " + restarted.detail() + ", pids now " + pids(restarted));
    ComponentResult stopped =
        operate(client, ComponentRequest.of(COMPONENT, ComponentOperation.STOP, null));
    lines.add("stop      " + stopped.detail());
    HistoryRequest historyRequest = new HistoryRequest(COMPONENT, 10);
    List<OperationRecord> history =
        client
            .newWorkflowStub(
                ComponentHistoryWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(historyRequest.workflowId())
                    .setTaskQueue(TaskQueues.CORE)
                    .setWorkflowIdConflictPolicy(
                        WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                    .build())
            .read(historyRequest);
    lines.add(
        "history   "
            + history.size()
            + " operations recorded: "
            + history.stream().map(r -> r.operation() + " " + r.status()).toList());
    lines.add(
        "look      flotilla component history "
            + COMPONENT
            + "; flotilla events --type component.");

    boolean succeeded =
        deployed.succeeded()
            && deployed.health().healthy()
            && restarted.succeeded()
            && !pids(restarted).equals(pids(deployed))
            && stopped.succeeded()
            && stopped.status().running() == 0
            && history.size() == 3;
    return new Report(succeeded, lines);
  }

  private static ComponentResult operate(WorkflowClient client, ComponentRequest request) {
    return client
        .newWorkflowStub(
            ComponentOperationWorkflow.class,
            WorkflowCatalog.get("component").startOptions(request))
        .run(request);
  }

  private static List<Long> pids(ComponentResult result) {
    return result.status().instances().stream().map(InstanceStatus::pid).toList();
  }
}
