package dev.flotilla.component;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * One read of a component's operation history from Flotilla's database, for {@code flotilla
 * component history}, which reaches only Temporal.
 */
@WorkflowInterface
public interface ComponentHistoryWorkflow {
  String TYPE = "ComponentHistory";

  @WorkflowMethod(name = TYPE)
  List<OperationRecord> read(HistoryRequest request);
}
