package dev.flotilla.hello;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The smallest Flotilla workflow: one activity. It proves a deployment end to end (client, server,
 * worker, search attributes) and is the {@code hello} benchmark workload.
 */
@WorkflowInterface
public interface HelloWorkflow {
  String TYPE = "Hello";

  @WorkflowMethod(name = TYPE)
  HelloResult greet(HelloRequest request);
}
