package dev.flotilla.worker.bench;

import dev.flotilla.approval.ApprovalWorkflow;
import dev.flotilla.approval.Decision;
import dev.flotilla.common.WorkflowCatalog;
import dev.flotilla.optimization.AnalysisActivitiesImpl;
import dev.flotilla.optimization.CycleProgress;
import dev.flotilla.optimization.CycleRequest;
import dev.flotilla.optimization.CycleResult;
import dev.flotilla.optimization.CycleStore;
import dev.flotilla.optimization.InventoryActivitiesImpl;
import dev.flotilla.optimization.InventorySources;
import dev.flotilla.optimization.OptimizationCycleWorkflow;
import dev.flotilla.optimization.PriceTable;
import dev.flotilla.optimization.Scope;
import dev.flotilla.settings.FlotillaSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A whole optimization cycle over the sample inventory, with its approvals rejected by signal as
 * soon as they exist, against {@link PlainCycle}: the same activities over the same batches in a
 * bare-SDK workflow.
 */
public final class CycleWorkload implements Workload {
  static final String BASELINE_QUEUE = "bench-plain-cycle";
  static final Scope SCOPE =
      new Scope("sample", "000000000001", List.of("us-east-1", "us-west-2"), List.of());
  static final String APPROVER = "bench";

  private final int resources;

  public CycleWorkload(int resources) {
    this.resources = resources;
  }

  @Override
  public String name() {
    return "cycle";
  }

  @Override
  public boolean needsDatabase() {
    return true;
  }

  @Override
  public int itemsPerUnit() {
    return resources;
  }

  /** One cycle per scope at a time, so cycles of one scope run one after another. */
  @Override
  public int maxConcurrency() {
    return 1;
  }

  @Override
  public FlotillaSettings adjust(FlotillaSettings settings) {
    return settings.withApprovers(Map.of(SCOPE.key(), List.of(APPROVER)));
  }

  @Override
  public void registerBaseline(WorkerFactory bareFactory, DataSource database) {
    CycleStore store = new CycleStore(database);
    Worker worker = bareFactory.newWorker(BASELINE_QUEUE);
    worker.registerWorkflowImplementationTypes(PlainCycle.PlainCycleWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new InventoryActivitiesImpl(InventorySources.sampleOnly(resources), store),
        new AnalysisActivitiesImpl(store, PriceTable.bundled()));
  }

  @Override
  public String runFlotilla(WorkflowClient client, String unitId) throws InterruptedException {
    CycleRequest request =
        new CycleRequest(SCOPE, null, null, false, null, true, null, null, "bench");
    OptimizationCycleWorkflow cycle =
        client.newWorkflowStub(
            OptimizationCycleWorkflow.class,
            WorkflowCatalog.get("optimization-cycle").startOptions(request));
    var execution = WorkflowClient.start(cycle::run, request);
    rejectApprovalsWhenAsked(client, cycle, execution.getRunId());
    WorkflowStub.fromTyped(cycle).getResult(CycleResult.class);
    return request.workflowId();
  }

  /** Plays the approver: every batch is rejected as soon as the cycle has asked for it. */
  private static void rejectApprovalsWhenAsked(
      WorkflowClient client, OptimizationCycleWorkflow cycle, String runId)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (System.nanoTime() < deadline) {
      CycleProgress progress = cycle.progress();
      if (progress.completedStages().contains("Approval Request Creation")) {
        return; // nothing was asked
      }
      if (progress.batches() > 0 && progress.approvalsCreated() == progress.batches()) {
        for (int batch = 0; batch < progress.batches(); batch++) {
          client
              .newWorkflowStub(
                  ApprovalWorkflow.class, ApprovalWorkflow.approvalId(SCOPE.key(), runId, batch))
              .decide(new Decision(Decision.Kind.REJECT, APPROVER, "bench"));
        }
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("the cycle asked for no approvals within 10 minutes");
  }

  @Override
  public String runBaseline(WorkflowClient client, String unitId) {
    String workflowId = "bench-plain-cycle/" + unitId;
    PlainCycle.PlainCycleWorkflow workflow =
        client.newWorkflowStub(
            PlainCycle.PlainCycleWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(BASELINE_QUEUE)
                .build());
    workflow.run(SCOPE, 100);
    return workflowId;
  }
}
