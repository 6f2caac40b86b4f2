package dev.flotilla.optimization;

import dev.flotilla.approval.ApprovalOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * How a set of approvals ended, in counts: what an approval group returns instead of every outcome,
 * so its result stays small however many batches it had.
 *
 * @param executionFailures one line per approved batch whose execution stopped before the end, at
 *     most {@link BatchTally#MAX_FAILURES}
 */
public record ApprovalTally(
    int created, int approved, int rejected, int expired, List<String> executionFailures) {

  public static final ApprovalTally EMPTY = new ApprovalTally(0, 0, 0, 0, List.of());

  public ApprovalTally {
    executionFailures = executionFailures == null ? List.of() : List.copyOf(executionFailures);
  }

  public static ApprovalTally of(ApprovalOutcome outcome) {
    List<String> failures =
        outcome.execution() != null && outcome.execution().failure() != null
            ? List.of("Execution of " + outcome.approvalId() + ": " + outcome.execution().failure())
            : List.of();
    return new ApprovalTally(
        1,
        outcome.state() == dev.flotilla.approval.ApprovalState.APPROVED ? 1 : 0,
        outcome.state() == dev.flotilla.approval.ApprovalState.REJECTED ? 1 : 0,
        outcome.state() == dev.flotilla.approval.ApprovalState.EXPIRED ? 1 : 0,
        failures);
  }

  public ApprovalTally plus(ApprovalTally other) {
    List<String> failures = new ArrayList<>(executionFailures);
    other.executionFailures().stream()
        .limit(Math.max(0, BatchTally.MAX_FAILURES - failures.size()))
        .forEach(failures::add);
    return new ApprovalTally(
        created + other.created(),
        approved + other.approved(),
        rejected + other.rejected(),
        expired + other.expired(),
        failures);
  }
}
