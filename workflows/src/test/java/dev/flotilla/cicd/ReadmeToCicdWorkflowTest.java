package dev.flotilla.cicd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.flotilla.FlotillaTestEnvironment;
import dev.flotilla.HistoryLimits;
import dev.flotilla.common.Failures;
import dev.flotilla.common.FlotillaSearchAttributes;
import dev.flotilla.common.WorkflowCatalog;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;
import org.mockito.Mockito;

class ReadmeToCicdWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension workflows =
      FlotillaTestEnvironment.extension(ReadmeToCicdWorkflowImpl.class).build();

  private static final Checkout CHECKOUT = new Checkout("/repo", "/repo", false, null);
  private static final Evidence POM = new Evidence("pom.xml", 7, "<java.version>21</java.version>");
  private static final ReadmeSummary README =
      new ReadmeSummary(
          "README.md",
          "Orders",
          List.of("# Orders"),
          List.of(new ReadmeSummary.CodeBlock("bash", 3, 1)),
          List.of(),
          List.of(
              new ReadmeCommand(
                  CommandPhase.BUILD,
                  "mvn",
                  "./mvnw verify",
                  true,
                  new Evidence("README.md", 4, "./mvnw verify"))));
  private static final BuildInventory INVENTORY =
      new BuildInventory(
          List.of(
              new BuildFile("pom.xml", "pom", List.of(new BuildFact("version.java", "21", POM)))),
          List.of());
  private static final StackReport STACK =
      new StackReport(
          List.of(new Detection(Detection.Category.LANGUAGE, "", "java", null, 0.95, List.of(POM))),
          List.of(
              new ProjectUnit(
                  "",
                  "java",
                  "maven",
                  List.of("21"),
                  null,
                  "mvn package",
                  "mvn verify",
                  null,
                  false,
                  null)),
          List.of(),
          List.of());
  private static final GeneratedWorkflow YAML =
      new GeneratedWorkflow(GeneratedWorkflow.PATH, "name: CI\n", List.of("java"));

  private CheckoutActivities checkouts;
  private RepositoryFileActivities files;
  private PipelineActivities pipeline;

  @BeforeEach
  void mocks() {
    checkouts = mock(CheckoutActivities.class, withSettings().withoutAnnotations());
    files = mock(RepositoryFileActivities.class, withSettings().withoutAnnotations());
    pipeline = mock(PipelineActivities.class, withSettings().withoutAnnotations());
    when(checkouts.checkout(any())).thenReturn(CHECKOUT);
    when(files.parseReadme(CHECKOUT)).thenReturn(README);
    when(files.inspectBuildFiles(CHECKOUT)).thenReturn(INVENTORY);
    when(pipeline.detect(README, INVENTORY)).thenReturn(STACK);
    when(pipeline.generate(STACK)).thenReturn(YAML);
    when(pipeline.validate(YAML)).thenReturn(List.of());
  }

  @Test
  void aDryRunGoesThroughEveryStageAndWritesNothing(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    worker.registerActivitiesImplementations(checkouts, files, pipeline);
    env.start();
    CicdRequest request = CicdRequest.dryRun("/repo", "alice");
    ReadmeToCicdWorkflow workflow = stub(client, worker, request);

    CicdResult result = workflow.run(request);

    assertThat(result.workflow().yaml()).isEqualTo("name: CI\n");
    assertThat(result.stack()).isEqualTo(STACK);
    assertThat(result.write())
        .isEqualTo(new WriteOutcome(GeneratedWorkflow.PATH, false, "dry run"));
    InOrder order = Mockito.inOrder(checkouts, files, pipeline);
    order.verify(checkouts).checkout(request);
    order.verify(files).parseReadme(CHECKOUT);
    order.verify(files).inspectBuildFiles(CHECKOUT);
    order.verify(pipeline).detect(README, INVENTORY);
    order.verify(pipeline).generate(STACK);
    order.verify(pipeline).validate(YAML);
    verify(files, never()).write(any(), any(), anyBoolean());
    var attributes = WorkflowStub.fromTyped(workflow).describe().getTypedSearchAttributes();
    assertThat(attributes.get(FlotillaSearchAttributes.STAGE)).isEqualTo("Done");
    assertThat(attributes.get(FlotillaSearchAttributes.KIND)).isEqualTo("cicd");
    assertThat(attributes.get(FlotillaSearchAttributes.SCOPE)).isEqualTo("/repo");
    assertThat(attributes.get(FlotillaSearchAttributes.USER)).isEqualTo("alice");
    assertThat(workflow.stage()).isEqualTo(CicdStage.DONE);
  }

  @Test
  void everyStageIsAnActivityWithItsOwnSummaryAndTheHistoryStaysSmall(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    worker.registerActivitiesImplementations(checkouts, files, pipeline);
    env.start();
    CicdRequest request = new CicdRequest("/repo", true, false, "alice");
    when(files.write(CHECKOUT, YAML, false))
        .thenReturn(new WriteOutcome(GeneratedWorkflow.PATH, true, "created"));
    stub(client, worker, request).run(request);

    var history = client.fetchHistory(request.workflowId());
    List<String> summaries =
        history.getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .map(
                e ->
                    DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                        e.getUserMetadata().getSummary(), String.class, String.class))
            .toList();
    assertThat(summaries)
        .containsExactly(
            "Check out the repository",
            "Parse the README",
            "Inspect build files",
            "Detect languages, tools, commands",
            "Generate the GitHub Actions workflow",
            "Validate the workflow",
            "Write ci.yml");
    HistoryLimits limits = HistoryLimits.of(client, request.workflowId());
    assertThat(limits.events()).isLessThan(100);
    assertThat(limits.maxPendingActivities()).isEqualTo(1);
  }

  @Test
  void writeAsksTheAdapterAndPassesForce(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    worker.registerActivitiesImplementations(checkouts, files, pipeline);
    env.start();
    when(files.write(CHECKOUT, YAML, true))
        .thenReturn(new WriteOutcome(GeneratedWorkflow.PATH, true, "overwritten"));
    CicdRequest request = new CicdRequest("/repo", true, true, "alice");

    CicdResult result = stub(client, worker, request).run(request);

    assertThat(result.write().note()).isEqualTo("overwritten");
    verify(files, times(1)).write(CHECKOUT, YAML, true);
  }

  @Test
  void aWorkflowThatDoesNotValidateIsNeverWritten(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(pipeline.validate(YAML)).thenReturn(List.of("job java has no runs-on"));
    worker.registerActivitiesImplementations(checkouts, files, pipeline);
    env.start();
    CicdRequest request = new CicdRequest("/repo", true, true, "alice");

    CicdResult result = stub(client, worker, request).run(request);

    assertThat(result.valid()).isFalse();
    assertThat(result.problems()).containsExactly("job java has no runs-on");
    assertThat(result.write().written()).isFalse();
    verify(files, never()).write(any(), any(), anyBoolean());
  }

  @Test
  void aRejectedRepositoryFailsAtOnceWithItsOneLineReason(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(checkouts.checkout(any()))
        .thenThrow(new RepositoryRejected("repository path /nope does not exist"));
    worker.registerActivitiesImplementations(checkouts, files, pipeline);
    env.start();
    CicdRequest request = CicdRequest.dryRun("/nope", "alice");

    WorkflowFailedException failure =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> stub(client, worker, request).run(request));

    assertThat(Failures.rootMessage(failure)).isEqualTo("repository path /nope does not exist");
    // Final, not retried: a path that is not there will not appear on the next attempt.
    verify(checkouts, times(1)).checkout(any());
    verify(files, never()).parseReadme(any());
  }

  @Test
  void aRelativePathIsRefusedBeforeAnythingRuns() {
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> CicdRequest.dryRun("repo", "alice").validate()))
        .hasMessageContaining("neither an absolute path nor a git URL");
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> new CicdRequest("/repo", false, true, "alice").validate()))
        .hasMessageContaining("force only makes sense with write");
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    CicdRequest.dryRun("https://bob:hunter2@git.example.com/x.git", "a")
                        .validate()))
        .hasMessageStartingWith("the repository URL carries credentials")
        .hasMessageNotContaining("hunter2");
    assertThat(CicdRequest.dryRun("git@github.com:acme/orders.git", "a").remote()).isTrue();
    assertThat(CicdRequest.dryRun("https://github.com/acme/orders", "a").remote()).isTrue();
  }

  private static ReadmeToCicdWorkflow stub(
      WorkflowClient client, Worker worker, CicdRequest request) {
    return client.newWorkflowStub(
        ReadmeToCicdWorkflow.class,
        WorkflowOptions.newBuilder(WorkflowCatalog.get("cicd").startOptions(request))
            .setTaskQueue(worker.getTaskQueue())
            .build());
  }
}
