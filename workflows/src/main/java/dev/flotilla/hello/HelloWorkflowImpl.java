package dev.flotilla.hello;

import dev.flotilla.common.ActivityPresets;
import dev.flotilla.common.FlotillaSearchAttributes;
import io.temporal.workflow.Workflow;

public final class HelloWorkflowImpl implements HelloWorkflow {

  private final GreetingActivities greetings =
      Workflow.newActivityStub(GreetingActivities.class, ActivityPresets.QUICK);

  @Override
  public HelloResult greet(HelloRequest request) {
    request.validate();
    Workflow.upsertTypedSearchAttributes(FlotillaSearchAttributes.STAGE.valueSet("Greeting"));
    HelloResult result = greetings.compose(request);
    Workflow.upsertTypedSearchAttributes(FlotillaSearchAttributes.STAGE.valueSet("Done"));
    return result;
  }
}
