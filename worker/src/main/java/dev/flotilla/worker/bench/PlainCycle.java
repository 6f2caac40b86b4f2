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
import io.temporal.workflow.Functions;
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
      inBatches(cycleId, snapshot.resources(), batchSize, analysis::analyze);
      inBatches(cycleId, snapshot.resources(), batchSize, analysis::recommend);
      analysis.groupDependencies(cycleId);
      List<BatchRef> batches = analysis.packBatches(cycleId, batchSize);
      return batches.size();
    }

    /** One activity per batch of {@code batchSize} resources, all at once, then waits for all. */
    private static void inBatches(
        String cycleId,
        int resources,
        int batchSize,
        Functions.Func1<AnalysisBatch, BatchTally> step) {
      List<Promise<BatchTally>> running = new ArrayList<>();
      for (int offset = 0; offset < resources; offset += batchSize) {
        AnalysisBatch batch =
            new AnalysisBatch(
                cycleId,
                offset,
                Math.min(batchSize, resources - offset),
                Thresholds.defaults(),
                false);
        running.add(Async.function(step, batch));
      }
      Promise.allOf(running).get();
    }
  }
}
