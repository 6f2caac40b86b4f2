package dev.flotilla.optimization;

import java.util.ArrayList;
import java.util.List;

/** The pure part of one optimization cycle, run in-process over a sample inventory. */
final class OptimizationPipeline {

  private OptimizationPipeline() {}

  static List<ResourceAnalysis> analyses(SampleInventory inventory) {
    UtilizationAnalyzer analyzer =
        new UtilizationAnalyzer(Fixtures.seedThresholds(), inventory.windowEnd());
    List<ResourceAnalysis> analyses = new ArrayList<>(inventory.resources().size());
    for (Resource resource : inventory.resources()) {
      analyses.add(analyzer.analyze(resource, inventory.metricsFor(resource.id())));
    }
    return analyses;
  }

  static List<Recommendation> recommendations(SampleInventory inventory) {
    Recommender recommender = new Recommender(PriceTable.bundled(), Fixtures.seedThresholds());
    List<Recommendation> recommendations = new ArrayList<>();
    for (ResourceAnalysis analysis : analyses(inventory)) {
      recommendations.addAll(recommender.recommend(analysis));
    }
    return recommendations;
  }
}
