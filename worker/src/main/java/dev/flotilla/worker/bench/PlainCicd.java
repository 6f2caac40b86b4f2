package dev.flotilla.worker.bench;

import dev.flotilla.cicd.BuildInventory;
import dev.flotilla.cicd.Checkout;
import dev.flotilla.cicd.CheckoutActivities;
import dev.flotilla.cicd.CicdRequest;
import dev.flotilla.cicd.GeneratedWorkflow;
import dev.flotilla.cicd.PipelineActivities;
import dev.flotilla.cicd.ReadmeSummary;
import dev.flotilla.cicd.RepositoryFileActivities;
import dev.flotilla.cicd.StackReport;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/**
 * The {@code cicd} workload written with the bare SDK: the same six activity calls on the same
 * adapters, with one plain option set and no search attributes, summaries or stage tracking. Its
 * result is the YAML alone.
 */
public final class PlainCicd {
  private PlainCicd() {}

  @WorkflowInterface
  public interface PlainCicdWorkflow {
    @WorkflowMethod(name = "BenchPlainCicd")
    String generate(CicdRequest request);
  }

  public static final class PlainCicdWorkflowImpl implements PlainCicdWorkflow {
    private static final ActivityOptions OPTIONS =
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build();
    private final CheckoutActivities checkouts =
        Workflow.newActivityStub(CheckoutActivities.class, OPTIONS);
    private final RepositoryFileActivities files =
        Workflow.newActivityStub(RepositoryFileActivities.class, OPTIONS);
    private final PipelineActivities pipeline =
        Workflow.newActivityStub(PipelineActivities.class, OPTIONS);

    @Override
    public String generate(CicdRequest request) {
      Checkout checkout = checkouts.checkout(request);
      ReadmeSummary readme = files.parseReadme(checkout);
      BuildInventory inventory = files.inspectBuildFiles(checkout);
      StackReport stack = pipeline.detect(readme, inventory);
      GeneratedWorkflow workflow = pipeline.generate(stack);
      pipeline.validate(workflow);
      return workflow.yaml();
    }
  }
}
