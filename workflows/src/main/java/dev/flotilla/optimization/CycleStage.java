package dev.flotilla.optimization;

/** The stages of a cycle, in order, with the names operators see in the Web UI and the CLI. */
public enum CycleStage {
  METRIC_RETRIEVAL("Metric Retrieval"),
  ANALYSIS("Analysis"),
  RECOMMENDATION_GENERATION("Recommendation Generation"),
  DEPENDENCY_DETECTION("Dependency Detection"),
  BATCHING("Batching"),
  APPROVAL_REQUEST_CREATION("Approval Request Creation"),
  AUDIT("Audit");

  private final String title;

  CycleStage(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
