package dev.flotilla.sync;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Moves a source's records into a sink table in seven phases with a phase audit log, SLA flags and
 * rollback of completed phases when a later one fails for good.
 */
@WorkflowInterface
public interface SyncJobWorkflow {
  String TYPE = "SyncJob";

  @WorkflowMethod(name = TYPE)
  SyncOutcome run(SyncRequest request);

  @QueryMethod
  SyncProgress progress();
}
