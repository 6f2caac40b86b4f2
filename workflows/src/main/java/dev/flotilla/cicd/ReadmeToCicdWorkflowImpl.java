package dev.flotilla.cicd;

import static dev.flotilla.common.ActivityPresets.summarized;

import dev.flotilla.common.ActivityPresets;
import dev.flotilla.common.FlotillaSearchAttributes;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.util.List;

public final class ReadmeToCicdWorkflowImpl implements ReadmeToCicdWorkflow {

  private final CheckoutActivities checkouts =
      stub(CheckoutActivities.class, ActivityPresets.CICD_CHECKOUT, "Check out the repository");
  private final RepositoryFileActivities readme =
      stub(RepositoryFileActivities.class, ActivityPresets.CICD_FILES, "Parse the README");
  private final RepositoryFileActivities buildFiles =
      stub(RepositoryFileActivities.class, ActivityPresets.CICD_FILES, "Inspect build files");
  private final PipelineActivities detector =
      stub(PipelineActivities.class, ActivityPresets.QUICK, "Detect languages, tools, commands");
  private final PipelineActivities generator =
      stub(PipelineActivities.class, ActivityPresets.QUICK, "Generate the GitHub Actions workflow");
  private final PipelineActivities validator =
      stub(PipelineActivities.class, ActivityPresets.QUICK, "Validate the workflow");
  private final RepositoryFileActivities writer =
      stub(RepositoryFileActivities.class, ActivityPresets.CICD_FILES, "Write ci.yml");

  private CicdStage stage = CicdStage.CHECKOUT;

  @Override
  public CicdResult run(CicdRequest request) {
    request.validate();
    Workflow.upsertTypedSearchAttributes(
        FlotillaSearchAttributes.USER.valueSet(request.requestedBy()),
        FlotillaSearchAttributes.SCOPE.valueSet(request.repository()));

    Checkout checkout = stage(CicdStage.CHECKOUT, () -> checkouts.checkout(request));
    ReadmeSummary summary = stage(CicdStage.PARSE_README, () -> readme.parseReadme(checkout));
    BuildInventory inventory =
        stage(CicdStage.INSPECT_BUILD_FILES, () -> buildFiles.inspectBuildFiles(checkout));
    StackReport stack = stage(CicdStage.DETECT, () -> detector.detect(summary, inventory));
    GeneratedWorkflow workflow = stage(CicdStage.GENERATE, () -> generator.generate(stack));
    List<String> problems = stage(CicdStage.VALIDATE, () -> validator.validate(workflow));
    WriteOutcome written =
        stage(CicdStage.WRITE, () -> write(request, checkout, workflow, problems));
    stage(CicdStage.DONE, () -> null);
    return new CicdResult(
        request.repository(), checkout, summary, stack, workflow, problems, written);
  }

  @Override
  public CicdStage stage() {
    return stage;
  }

  /** A file that did not validate is never written; a dry run writes nothing. */
  private WriteOutcome write(
      CicdRequest request, Checkout checkout, GeneratedWorkflow workflow, List<String> problems) {
    if (!problems.isEmpty()) {
      return new WriteOutcome(workflow.path(), false, "not written: the workflow did not validate");
    }
    if (!request.write()) {
      return new WriteOutcome(workflow.path(), false, "dry run");
    }
    return writer.write(checkout, workflow, request.force());
  }

  private <T> T stage(CicdStage next, Functions.Func<T> work) {
    stage = next;
    Workflow.upsertTypedSearchAttributes(FlotillaSearchAttributes.STAGE.valueSet(next.title()));
    return work.apply();
  }

  private static <T> T stub(Class<T> activities, ActivityOptions options, String summary) {
    return Workflow.newActivityStub(activities, summarized(options, summary));
  }
}
