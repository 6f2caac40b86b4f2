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

/** Several worker processes on the same task queues share the work, as in a scaled deployment. */
class TwoWorkersShareTheLoadTest {

  @Test
  void activitiesRunOnBothWorkers() {
    try (DevStack stack = DevStack.start(0, 0, null, false);
        WorkerProcess first =
            WorkerProcess.start(
                stack.serviceOptions(),
                stack.clientOptions(),
                TestSettings.withHttpPort(0),
                null,
                "worker-a",
                null);
        WorkerProcess second =
            WorkerProcess.start(
                stack.serviceOptions(),
                stack.clientOptions(),
                TestSettings.withHttpPort(0),
                null,
                "worker-b",
                null)) {
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(stack.serviceOptions());
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs, stack.clientOptions());
        Set<String> identities = new HashSet<>();
        // The server hands each task to whichever poll is waiting, so which worker gets which is
        // not fixed; rounds go on, bounded, until both have been seen.
        for (int round = 0; round < 10 && identities.size() < 2; round++) {
          List<WorkflowStub> started = new ArrayList<>();
          for (int i = 0; i < 60; i++) {
            HelloRequest request = new HelloRequest("load", round + "-" + i);
            HelloWorkflow workflow =
                client.newWorkflowStub(
                    HelloWorkflow.class, WorkflowCatalog.get("hello").startOptions(request));
            WorkflowClient.start(workflow::greet, request);
            started.add(WorkflowStub.fromTyped(workflow));
          }
          for (WorkflowStub stub : started) {
            identities.add(stub.getResult(HelloResult.class).workerIdentity());
          }
        }
        assertThat(identities).containsExactlyInAnyOrder("worker-a", "worker-b");
      } finally {
        stubs.shutdownNow();
      }
    }
  }
}
