package dev.flotilla.optimization;

import java.util.ArrayList;
import java.util.List;

/** The cycle's running counts, kept in workflow state and answered by the progress query. */
final class CycleProgressTracker {
  String stage = "Scheduled";
  final List<String> completedStages = new ArrayList<>();
  int resourcesSeen;
  int resourcesAnalyzed;
  int resourcesFailed;
  int recommendations;
  int batches;
  int approvalsCreated;
  int approvalsPending;

  CycleProgress snapshot() {
    return new CycleProgress(
        stage,
        List.copyOf(completedStages),
        resourcesSeen,
        resourcesAnalyzed,
        resourcesFailed,
        recommendations,
        batches,
        approvalsCreated,
        approvalsPending);
  }
}
