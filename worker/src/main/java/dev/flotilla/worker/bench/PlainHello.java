package dev.flotilla.worker.bench;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/**
 * The {@code hello} workload written with the bare SDK, as its documentation shows it: no Flotilla
 * contracts, options, search attributes or metrics. This is benchmark code, not a product workflow;
 * it lives here so it can never be registered by the product worker.
 */
public final class PlainHello {
  private PlainHello() {}

  @WorkflowInterface
  public interface PlainHelloWorkflow {
    @WorkflowMethod(name = "BenchPlainHello")
    String greet(String name);
  }

  @ActivityInterface
  public interface PlainGreeting {
    String compose(String name);
  }

  public static final class PlainHelloWorkflowImpl implements PlainHelloWorkflow {
    private final PlainGreeting greeting =
        Workflow.newActivityStub(
            PlainGreeting.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

    @Override
    public String greet(String name) {
      return greeting.compose(name);
    }
  }

  public static final class PlainGreetingImpl implements PlainGreeting {
    @Override
    public String compose(String name) {
      return "Hello, " + name + "!";
    }
  }
}
