package dev.flotilla.worker.bench;

import dev.flotilla.common.WorkflowCatalog;
import dev.flotilla.hello.HelloRequest;
import dev.flotilla.hello.HelloWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import javax.sql.DataSource;

/** One workflow with one activity, Flotilla's {@code Hello} against its plain-SDK twin. */
public final class HelloWorkload implements Workload {
  static final String BASELINE_QUEUE = "bench-plain-hello";

  @Override
  public String name() {
    return "hello";
  }

  @Override
  public void registerBaseline(WorkerFactory bareFactory, DataSource database) {
    Worker worker = bareFactory.newWorker(BASELINE_QUEUE);
    worker.registerWorkflowImplementationTypes(PlainHello.PlainHelloWorkflowImpl.class);
    worker.registerActivitiesImplementations(new PlainHello.PlainGreetingImpl());
  }

  @Override
  public String runFlotilla(WorkflowClient client, String unitId) {
    HelloRequest request = new HelloRequest("bench", unitId);
    HelloWorkflow workflow =
        client.newWorkflowStub(
            HelloWorkflow.class, WorkflowCatalog.get("hello").startOptions(request));
    workflow.greet(request);
    return request.workflowId();
  }

  @Override
  public String runBaseline(WorkflowClient client, String unitId) {
    String workflowId = "bench-plain-hello/" + unitId;
    PlainHello.PlainHelloWorkflow workflow =
        client.newWorkflowStub(
            PlainHello.PlainHelloWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(BASELINE_QUEUE)
                .build());
    workflow.greet("bench");
    return workflowId;
  }
}
