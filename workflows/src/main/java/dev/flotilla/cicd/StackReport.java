package dev.flotilla.cicd;

import java.util.List;

/**
 * Stage 3's answer.
 *
 * @param units the packages CI builds, one job each
 * @param dockerfiles Dockerfiles relative to the root; each gets an image build
 */
public record StackReport(
    List<Detection> detections,
    List<ProjectUnit> units,
    List<String> dockerfiles,
    List<Disagreement> disagreements) {

  public StackReport {
    detections = List.copyOf(detections);
    units = List.copyOf(units);
    dockerfiles = List.copyOf(dockerfiles);
    disagreements = List.copyOf(disagreements);
  }
}
