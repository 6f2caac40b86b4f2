package dev.flotilla.worker.demo;

import dev.flotilla.common.WorkflowCatalog;
import dev.flotilla.hello.HelloRequest;
import dev.flotilla.hello.HelloResult;
import dev.flotilla.hello.HelloWorkflow;
import io.temporal.client.WorkflowClient;
import java.util.List;

/** The smoke test: one workflow, one activity. */
public final class HelloDemo implements DemoScenario {
  @Override
  public String name() {
    return "hello";
  }

  @Override
  public Report run(WorkflowClient client) {
    HelloRequest request = new HelloRequest("flotilla", "demo");
    HelloWorkflow workflow =
        client.newWorkflowStub(
            HelloWorkflow.class, WorkflowCatalog.get("hello").startOptions(request));
    HelloResult result = workflow.greet(request);
    return new Report(
        true,
        List.of(
            "ran       Hello workflow " + request.workflowId() + " (one activity)",
            "result    \"" + result.greeting() + "\" from worker " + result.workerIdentity(),
            "look      flotilla describe " + request.workflowId() + " (with demo --keep-running)"));
  }
}
