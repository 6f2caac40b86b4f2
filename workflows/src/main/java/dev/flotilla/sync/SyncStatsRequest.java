package dev.flotilla.sync;

import dev.flotilla.common.InvalidInputException;
import dev.flotilla.common.WorkflowInput;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One reading of the sync phase statistics.
 *
 * @param requestId makes the reading's workflow ID unique; the CLI draws one per command
 * @param since only phase transitions at or after this time count; null for all of them
 * @param maxViolations how many SLA violations to return, newest first (the total is counted
 *     anyway); 50 when left out, at most 500 so the result stays far below the payload limit
 */
public record SyncStatsRequest(String requestId, Instant since, Integer maxViolations)
    implements WorkflowInput {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public SyncStatsRequest {
    maxViolations = maxViolations == null ? 50 : maxViolations;
  }

  @Override
  public String workflowId() {
    return SyncStatsWorkflow.ID_PREFIX + requestId;
  }

  @Override
  public String subject() {
    return "sync statistics reading " + requestId;
  }

  @Override
  public void validate() {
    if (requestId == null || !ID.matcher(requestId).matches()) {
      throw new InvalidInputException(
          "requestId is required: up to 64 letters, digits and ._- (it is part of the workflow ID)");
    }
    if (maxViolations < 0 || maxViolations > 500) {
      throw new InvalidInputException("maxViolations must be 0 to 500, was " + maxViolations);
    }
  }
}
