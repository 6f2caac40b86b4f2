package dev.flotilla.approval;

import java.util.List;

/**
 * @param actions how many recommendations were carried out (or recorded, on a dry run)
 * @param lines what was done, one line per action, at most the first 20
 */
public record ExecutionReport(int actions, boolean dryRun, List<String> lines) {
  public ExecutionReport {
    lines = lines == null ? List.of() : List.copyOf(lines);
  }
}
