package dev.flotilla.optimization;

import java.util.List;

/**
 * What {@link UtilizationAnalyzer} made of one resource.
 *
 * @param resource the resource analysed
 * @param stats one summary per metric series, in the order the series came
 * @param findings what was noticed; empty for a resource that is fine
 */
public record ResourceAnalysis(
    Resource resource, List<UtilizationStats> stats, List<Finding> findings) {

  public ResourceAnalysis {
    stats = List.copyOf(stats);
    findings = List.copyOf(findings);
  }
}
