package dev.flotilla;

import dev.flotilla.common.FlotillaSearchAttributes;
import dev.flotilla.common.InvalidInputException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.WorkflowImplementationOptions;

/** The in-process test server set up as Flotilla's workers are: search attributes and options. */
public final class FlotillaTestEnvironment {
  private FlotillaTestEnvironment() {}

  /** Workflow options as the real worker registers them. */
  public static final WorkflowImplementationOptions WORKFLOW_OPTIONS =
      WorkflowImplementationOptions.newBuilder()
          .setFailWorkflowExceptionTypes(InvalidInputException.class)
          .build();

  /** An extension with Flotilla's search attributes, not started until the test registers mocks. */
  public static TestWorkflowExtension.Builder extension(Class<?>... workflowTypes) {
    TestWorkflowExtension.Builder builder =
        TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(WORKFLOW_OPTIONS, workflowTypes)
            .setDoNotStart(true);
    FlotillaSearchAttributes.all()
        .forEach(
            key ->
                builder.registerSearchAttribute(
                    key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    return builder;
  }
}
