package dev.flotilla.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.flotilla.FlotillaTestEnvironment;
import dev.flotilla.common.FlotillaSearchAttributes;
import dev.flotilla.common.WorkflowCatalog;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HelloWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension workflows =
      FlotillaTestEnvironment.extension(HelloWorkflowImpl.class).build();

  /** The catalog's start options, on the test worker's own task queue. */
  private static HelloWorkflow startable(
      WorkflowClient client, Worker worker, HelloRequest request) {
    return client.newWorkflowStub(
        HelloWorkflow.class,
        WorkflowOptions.newBuilder(WorkflowCatalog.get("hello").startOptions(request))
            .setTaskQueue(worker.getTaskQueue())
            .build());
  }

  @Test
  void givenAName_whenGreeted_itShouldReturnTheActivitysGreetingAndMarkTheStageDone(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    GreetingActivities greetings =
        mock(GreetingActivities.class, withSettings().withoutAnnotations());
    when(greetings.compose(any())).thenReturn(new HelloResult("Hello, ops!", "worker-1"));
    worker.registerActivitiesImplementations(greetings);
    env.start();

    HelloRequest request = new HelloRequest("ops", "2026-11-26");
    HelloWorkflow workflow = startable(client, worker, request);
    HelloResult result = workflow.greet(request);

    assertThat(result.greeting()).isEqualTo("Hello, ops!");
    var description = WorkflowStub.fromTyped(workflow).describe();
    assertThat(description.getTypedSearchAttributes().get(FlotillaSearchAttributes.STAGE))
        .isEqualTo("Done");
    assertThat(description.getTypedSearchAttributes().get(FlotillaSearchAttributes.KIND))
        .isEqualTo("hello");
  }

  @Test
  void givenNoName_whenStartedAnyway_itShouldFailWithTheInputErrorAndCallNothing(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    GreetingActivities greetings =
        mock(GreetingActivities.class, withSettings().withoutAnnotations());
    worker.registerActivitiesImplementations(greetings);
    env.start();

    HelloRequest request = new HelloRequest(" ", null);
    HelloWorkflow workflow = startable(client, worker, request);

    assertThatThrownBy(() -> workflow.greet(request))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("field 'name' is missing");
    verify(greetings, never()).compose(any());
  }
}
