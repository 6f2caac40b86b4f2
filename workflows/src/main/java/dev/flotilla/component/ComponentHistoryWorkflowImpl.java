package dev.flotilla.component;

import dev.flotilla.common.ActivityPresets;
import io.temporal.workflow.Workflow;
import java.util.List;

public final class ComponentHistoryWorkflowImpl implements ComponentHistoryWorkflow {
  private final ComponentRecords records =
      Workflow.newActivityStub(
          ComponentRecords.class,
          ActivityPresets.summarized(ActivityPresets.QUICK, "Read the operation history"));

  @Override
  public List<OperationRecord> read(HistoryRequest request) {
    request.validate();
    return records.operationHistory(request.component(), request.limit());
  }
}
