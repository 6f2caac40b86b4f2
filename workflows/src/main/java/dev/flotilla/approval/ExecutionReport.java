package dev.flotilla.approval;

import java.util.List;

/**
 * @param actions how many recommendations were carried out (or recorded, on a dry run)
 * @param lines what was done, one line per action, at most the first 20
 * @param failure why execution stopped before the end, or null when every action was done
 */
public record ExecutionReport(int actions, boolean dryRun, List<String> lines, String failure) {
  public ExecutionReport {
    lines = lines == null ? List.of() : List.copyOf(lines);
  }

  public ExecutionReport(int actions, boolean dryRun, List<String> lines) {
    this(actions, dryRun, lines, null);
  }

  /** An execution that failed for good: what was done before is in {@code executed_actions}. */
  public static ExecutionReport failed(boolean dryRun, String failure) {
    return new ExecutionReport(0, dryRun, List.of(), failure);
  }
}
