package dev.flotilla.optimization;

import static dev.flotilla.common.ActivityPresets.summarized;

import dev.flotilla.common.ActivityPresets;
import dev.flotilla.common.Failures;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

public final class ResourceBatchWorkflowImpl implements ResourceBatchWorkflow {

  @Override
  public BatchTally process(BatchRange range) {
    BatchTally tally = range.carried() == null ? BatchTally.empty() : range.carried();
    int end = range.offset() + range.count();
    int next = range.offset();
    while (next < end) {
      List<Promise<BatchTally>> wave = new ArrayList<>();
      for (int i = 0; i < range.parallelism() && next < end; i++) {
        int count = Math.min(range.batchSize(), end - next);
        wave.add(runBatch(range, next, count));
        next += count;
      }
      for (Promise<BatchTally> batch : wave) {
        tally = tally.plus(batch.get());
      }
      if (next < end && Workflow.getInfo().isContinueAsNewSuggested()) {
        // A long range carries on in a fresh history, with what it has counted so far.
        Workflow.continueAsNew(
            new BatchRange(
                range.cycleId(),
                range.pass(),
                next,
                end - next,
                range.batchSize(),
                range.parallelism(),
                range.continueOnError(),
                range.thresholds(),
                tally));
      }
    }
    return tally;
  }

  /** One activity over {@code count} resources from {@code offset}; a failure may be skipped. */
  private static Promise<BatchTally> runBatch(BatchRange range, int offset, int count) {
    String title =
        (range.pass() == BatchRange.BatchPass.ANALYZE ? "Analysis" : "Recommendation Generation")
            + ": resources "
            + offset
            + "-"
            + (offset + count - 1);
    AnalysisActivities analysis =
        Workflow.newActivityStub(
            AnalysisActivities.class, summarized(ActivityPresets.ANALYSIS_BATCH, title));
    AnalysisBatch batch =
        new AnalysisBatch(
            range.cycleId(), offset, count, range.thresholds(), range.continueOnError());
    Promise<BatchTally> result =
        range.pass() == BatchRange.BatchPass.ANALYZE
            ? Async.function(analysis::analyze, batch)
            : Async.function(analysis::recommend, batch);
    if (!range.continueOnError()) {
      return result;
    }
    return result.handle(
        (tally, failure) ->
            failure == null
                ? tally
                : BatchTally.failedBatch(count, title + ": " + Failures.rootMessage(failure)));
  }
}
