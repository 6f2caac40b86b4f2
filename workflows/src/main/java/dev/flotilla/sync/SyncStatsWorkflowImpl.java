package dev.flotilla.sync;

import static dev.flotilla.common.ActivityPresets.summarized;

import dev.flotilla.common.ActivityPresets;
import io.temporal.workflow.Workflow;

public final class SyncStatsWorkflowImpl implements SyncStatsWorkflow {
  private final SyncStatsActivities stats =
      Workflow.newActivityStub(
          SyncStatsActivities.class, summarized(ActivityPresets.QUICK, "Read phase analytics"));

  @Override
  public SyncStats run(SyncStatsRequest request) {
    request.validate();
    return stats.read(request);
  }
}
