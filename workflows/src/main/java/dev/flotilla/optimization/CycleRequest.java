package dev.flotilla.optimization;

import dev.flotilla.common.InvalidInputException;
import dev.flotilla.common.WorkflowInput;

/**
 * One optimization cycle over a scope.
 *
 * @param scope the account, regions and services to look at, and where resources come from
 * @param windowHours how much metric history to analyse (default 336, 14 days)
 * @param batchSize recommendations per approval batch, and resources per analysis activity (default
 *     100)
 * @param continueOnError record a failed resource or batch and go on; without it the cycle fails
 *     with the cause
 * @param thresholds per-service analysis thresholds for this cycle; what it leaves out comes from
 *     the worker's flotilla.yaml {@code thresholds}, then from the defaults
 * @param dryRun approved actions are recorded, not carried out (default true); false carries them
 *     out in AWS, and only a scope with source {@code aws} may ask for it
 * @param approvalEscalateHours when an undecided approval is escalated (default 24)
 * @param approvalExpireHours when an undecided approval expires (default 72)
 * @param requestedBy who asked for the cycle (a person, or a schedule)
 */
public record CycleRequest(
    Scope scope,
    Integer windowHours,
    Integer batchSize,
    Boolean continueOnError,
    Thresholds thresholds,
    Boolean dryRun,
    Integer approvalEscalateHours,
    Integer approvalExpireHours,
    String requestedBy)
    implements WorkflowInput {

  public CycleRequest {
    windowHours = windowHours == null ? 336 : windowHours;
    batchSize = batchSize == null ? 100 : batchSize;
    continueOnError = continueOnError != null && continueOnError;
    thresholds =
        thresholds == null ? Thresholds.defaults() : Thresholds.defaults().merge(thresholds);
    dryRun = dryRun == null || dryRun;
    approvalEscalateHours = approvalEscalateHours == null ? 24 : approvalEscalateHours;
    approvalExpireHours = approvalExpireHours == null ? 72 : approvalExpireHours;
    requestedBy = requestedBy == null || requestedBy.isBlank() ? "unknown" : requestedBy;
  }

  /** One open cycle per scope: the scope is the workflow ID. */
  @Override
  public String workflowId() {
    return "optimization-cycle/" + (scope == null ? "?" : scope.key());
  }

  @Override
  public String subject() {
    return "a cycle for " + (scope == null ? "?" : scope.key());
  }

  @Override
  public void validate() {
    if (scope == null) {
      throw new InvalidInputException(
          "optimization-cycle: field 'scope' is missing; give {\"account\": \"123456789012\","
              + " \"regions\": [\"us-east-1\"]}");
    }
    scope.validate();
    if (windowHours < 24 || windowHours > 24 * 90) {
      throw new InvalidInputException(
          "optimization-cycle: 'windowHours' must be between 24 and 2160, not " + windowHours);
    }
    if (batchSize < 1 || batchSize > 1000) {
      throw new InvalidInputException(
          "optimization-cycle: 'batchSize' must be between 1 and 1000, not " + batchSize);
    }
    if (!dryRun && !scope.source().equals("aws")) {
      throw new InvalidInputException(
          "optimization-cycle: 'dryRun': false needs scope source aws; a "
              + scope.source()
              + " inventory names no real resources to change");
    }
    if (approvalEscalateHours < 1 || approvalExpireHours <= approvalEscalateHours) {
      throw new InvalidInputException(
          "optimization-cycle: approvals must escalate after 1 hour or more and expire after they"
              + " escalate");
    }
  }
}
