package dev.flotilla.worker.bench;

import dev.flotilla.optimization.AnalysisActivities;
import dev.flotilla.optimization.AnalysisBatch;
import dev.flotilla.optimization.BatchRef;
import dev.flotilla.optimization.BatchTally;
import dev.flotilla.optimization.CollectRequest;
import dev.flotilla.optimization.InventoryActivities;
import dev.flotilla.optimization.InventorySnapshot;
import dev.flotilla.optimization.Scope;
import dev.flotilla.optimization.Thresholds;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The cycle's work as the bare SDK would do it: the same activities over the same batches, from one
 * workflow with plain activity options; no stages, audit, search attributes, child workflows or
 * approvals. Benchmark code only: the product worker never registers it.
 */
public final class PlainCycle {
  private PlainCycle() {}

  @WorkflowInterface
  public interface PlainCycleWorkflow {
    @WorkflowMethod(name = "BenchPlainCycle")
    int run(Scope scope, int batchSize);
  }

  public static final class PlainCycleWorkflowImpl implements PlainCycleWorkflow {
    private final ActivityOptions options =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(10))
            .setHeartbeatTimeout(Duration.ofMinutes(2))
            .build();
    private final InventoryActivities inventory =
        Workflow.newActivityStub(InventoryActivities.class, options);
    private final AnalysisActivities analysis =
        Workflow.newActivityStub(AnalysisActivities.class, options);

    @Override
    public int run(Scope scope, int batchSize) {
      String cycleId = Workflow.getInfo().getWorkflowId() + "@" + Workflow.getInfo().getRunId();
      Instant to = Instant.ofEpochMilli(Workflow.currentTimeMillis());
      InventorySnapshot snapshot =
          inventory.collect(new CollectRequest(cycleId, scope, to.minus(Duration.ofDays(14)), to));
      Thresholds thresholds = Thresholds.defaults();
      List<Promise<BatchTally>> analysed = new ArrayList<>();
      for (int offset = 0; offset < snapshot.resources(); offset += batchSize) {
        AnalysisBatch batch =
            new AnalysisBatch(
                cycleId,
                offset,
                Math.min(batchSize, snapshot.resources() - offset),
                thresholds,
                false);
        analysed.add(Async.function(analysis::analyze, batch));
      }
      Promise.allOf(analysed).get();
      List<Promise<BatchTally>> recommended = new ArrayList<>();
      for (int offset = 0; offset < snapshot.resources(); offset += batchSize) {
        AnalysisBatch batch =
            new AnalysisBatch(
                cycleId,
                offset,
                Math.min(batchSize, snapshot.resources() - offset),
                thresholds,
                false);
        recommended.add(Async.function(analysis::recommend, batch));
      }
      Promise.allOf(recommended).get();
      analysis.groupDependencies(cycleId);
      List<BatchRef> batches = analysis.packBatches(cycleId, batchSize);
      return batches.size();
    }
  }
}
