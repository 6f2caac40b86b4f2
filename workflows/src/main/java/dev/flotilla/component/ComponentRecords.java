package dev.flotilla.component;

import dev.flotilla.retention.DeletedRows;
import io.temporal.activity.ActivityInterface;
import java.time.Instant;
import java.util.List;

/** Components' operation history in Flotilla's database. */
@ActivityInterface
public interface ComponentRecords {

  /** Writes or completes the record of one operation, keyed on component and operation ID. */
  void recordOperation(OperationRecord record);

  /** The newest {@code limit} operations on a component, newest first. */
  List<OperationRecord> operationHistory(String component, int limit);

  /** Deletes records of operations that finished before {@code cutoff}. */
  DeletedRows purgeFinishedOperations(Instant cutoff);
}
