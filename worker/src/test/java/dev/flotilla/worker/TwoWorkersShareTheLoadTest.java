package dev.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.common.WorkflowCatalog;
import dev.flotilla.hello.HelloRequest;
import dev.flotilla.hello.HelloResult;
import dev.flotilla.hello.HelloWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Several worker processes on the same task queues share the work, as in a scaled deployment.
 *
 * <p>Which waiting poll the server hands a task to is the server's choice, and the SDK runs an
 * activity eagerly on the worker that scheduled it, so a mix is likely but not certain; the test
 * therefore stops each worker in turn and checks the other carries the queue alone.
 */
class TwoWorkersShareTheLoadTest {

  @Test
  void workersOnTheSameQueuesEachServeWorkAndTakeOverFromEachOther() {
    try (DevStack stack = DevStack.start(0, 0, null, false)) {
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(stack.serviceOptions());
      WorkerProcess first = start(stack, "worker-a");
      WorkerProcess second = start(stack, "worker-b");
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs, stack.clientOptions());
        assertThat(greetAll(client, "both")).isNotEmpty().isSubsetOf("worker-a", "worker-b");

        second.close();
        assertThat(greetAll(client, "a")).containsExactly("worker-a");

        second = start(stack, "worker-b");
        first.close();
        assertThat(greetAll(client, "b")).containsExactly("worker-b");
      } finally {
        first.close();
        second.close();
        stubs.shutdownNow();
      }
    }
  }

  private static WorkerProcess start(DevStack stack, String identity) {
    return WorkerProcess.start(
        stack.serviceOptions(),
        stack.clientOptions(),
        TestSettings.withHttpPort(0),
        null,
        identity,
        null);
  }

  /** Runs 20 hello workflows at once and returns which workers' activities answered. */
  private static Set<String> greetAll(WorkflowClient client, String round) {
    List<WorkflowStub> started = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      HelloRequest request = new HelloRequest("load", round + "-" + i);
      HelloWorkflow workflow =
          client.newWorkflowStub(
              HelloWorkflow.class, WorkflowCatalog.get("hello").startOptions(request));
      WorkflowClient.start(workflow::greet, request);
      started.add(WorkflowStub.fromTyped(workflow));
    }
    Set<String> identities = new HashSet<>();
    for (WorkflowStub stub : started) {
      identities.add(stub.getResult(HelloResult.class).workerIdentity());
    }
    return identities;
  }
}
