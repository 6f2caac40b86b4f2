package dev.flotilla.optimization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts from one or more analysis batches. Small on purpose: the findings and recommendations
 * themselves stay in Flotilla's database, and only these totals travel through history.
 *
 * @param processed resources handled
 * @param failed resources (or whole batches' worth) that failed and were skipped
 * @param counts findings by type, or recommendations by action
 * @param savingsUsd estimated monthly savings of the recommendations counted
 * @param failures what failed, at most {@link #MAX_FAILURES}
 */
public record BatchTally(
    int processed,
    int failed,
    Map<String, Integer> counts,
    double savingsUsd,
    List<String> failures) {
  public static final int MAX_FAILURES = 20;

  public BatchTally {
    counts = counts == null ? Map.of() : new TreeMap<>(counts);
    failures = failures == null ? List.of() : List.copyOf(failures);
  }

  public static BatchTally empty() {
    return new BatchTally(0, 0, Map.of(), 0, List.of());
  }

  public static BatchTally failedBatch(int resources, String reason) {
    return new BatchTally(0, resources, Map.of(), 0, List.of(reason));
  }

  public BatchTally plus(BatchTally other) {
    Map<String, Integer> merged = new TreeMap<>(counts);
    other.counts.forEach((key, value) -> merged.merge(key, value, Integer::sum));
    List<String> allFailures = new ArrayList<>(failures);
    for (String failure : other.failures) {
      if (allFailures.size() < MAX_FAILURES) {
        allFailures.add(failure);
      }
    }
    return new BatchTally(
        processed + other.processed,
        failed + other.failed,
        merged,
        savingsUsd + other.savingsUsd,
        allFailures);
  }
}
