package dev.flotilla.optimization;

import java.util.List;

/** What {@code flotilla describe} and the Web UI's query tab show of a running cycle. */
public record CycleProgress(
    String stage,
    List<String> completedStages,
    int resourcesSeen,
    int resourcesAnalyzed,
    int resourcesFailed,
    int recommendations,
    int batches,
    int approvalsCreated,
    int approvalsPending) {}
