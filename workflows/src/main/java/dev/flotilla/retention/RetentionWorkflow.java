package dev.flotilla.retention;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Deletes audit rows, stored cycle data and alert deliveries older than the policy keeps. Meant to
 * be run by a schedule ({@code flotilla schedule create retention --every daily}).
 */
@WorkflowInterface
public interface RetentionWorkflow {
  String TYPE = "Retention";

  @WorkflowMethod(name = TYPE)
  RetentionResult purge(RetentionPolicy policy);
}
