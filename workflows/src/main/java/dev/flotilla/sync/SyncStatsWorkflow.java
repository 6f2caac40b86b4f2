package dev.flotilla.sync;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Reads the sync phase analytics and SLA violations for {@code flotilla sync stats}. The CLI knows
 * only contracts and holds no database credentials, and a query cannot do I/O; so the CLI starts
 * this short workflow under a fresh ID and waits for its result, and the worker, which owns the
 * database, runs the one activity with Temporal's retries and timeouts.
 */
@WorkflowInterface
public interface SyncStatsWorkflow {
  String TYPE = "SyncStats";
  String ID_PREFIX = "sync-stats/";

  @WorkflowMethod(name = TYPE)
  SyncStats run(SyncStatsRequest request);
}
