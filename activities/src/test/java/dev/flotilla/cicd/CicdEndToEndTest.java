package dev.flotilla.cicd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flotilla.common.Failures;
import dev.flotilla.common.FlotillaSearchAttributes;
import dev.flotilla.common.WorkflowCatalog;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflow over the real adapters on the in-process test server: a local checkout written to, a
 * git URL cloned shallowly, and the payload limit. {@code -Dflotilla.recordHistories=true} rewrites
 * the history that ReadmeToCicdReplayTest replays.
 */
class CicdEndToEndTest {
  private static final String QUEUE = "cicd-e2e";

  @TempDir Path work;

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    FlotillaSearchAttributes.all()
        .forEach(
            key ->
                env.registerSearchAttribute(
                    key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(
        WorkflowImplementationOptions.newBuilder()
            .setFailWorkflowExceptionTypes(dev.flotilla.common.InvalidInputException.class)
            .build(),
        ReadmeToCicdWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new CheckoutActivitiesImpl(work.resolve("clones")),
        new RepositoryFileActivitiesImpl(),
        new PipelineActivitiesImpl());
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void writesCiYmlIntoALocalRepositoryAndRefusesToOverwriteItWithoutForce() throws Exception {
    Path repo = copyOfLayout("monorepo-polyglot");
    CicdRequest request = new CicdRequest(repo.toString(), true, false, "alice");

    CicdResult result = run(request);

    Path ci = repo.resolve(".github/workflows/ci.yml");
    assertThat(result.write()).isEqualTo(new WriteOutcome(GeneratedWorkflow.PATH, true, "created"));
    assertThat(Files.readString(ci)).isEqualTo(result.workflow().yaml());
    assertThat(result.workflow().jobs())
        .containsExactly("services-api", "services-worker", "web", "docker");
    recordHistoryIfAsked(request.workflowId());

    Files.writeString(ci, "# my own CI\n");
    CicdResult again = run(request);
    assertThat(again.write().written()).isFalse();
    assertThat(again.write().note()).isEqualTo("exists: pass --force to overwrite it");
    assertThat(Files.readString(ci)).isEqualTo("# my own CI\n");
  }

  @Test
  void clonesAGitUrlShallowlyAndGeneratesFromTheClone() throws Exception {
    Path origin = copyOfLayout("python-poetry-fastapi");
    git(origin, "init", "-q", "-b", "main");
    git(origin, "add", ".");
    git(origin, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "one");
    String url = "file://" + origin;

    CicdResult result = run(CicdRequest.dryRun(url, "alice"));

    assertThat(result.checkout().cloned()).isTrue();
    assertThat(result.checkout().revision()).matches("[0-9a-f]{40}");
    assertThat(Path.of(result.checkout().root())).startsWith(work.resolve("clones").toRealPath());
    assertThat(result.stack().units())
        .extracting(ProjectUnit::toolchain, ProjectUnit::test)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("poetry", "poetry run pytest"));
    assertThat(result.write().note()).isEqualTo("dry run");
  }

  @Test
  void aUrlGitCannotCloneFailsWithGitsReason() {
    String url = "file://" + work.resolve("no-such-repo");

    WorkflowFailedException failure =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> run(CicdRequest.dryRun(url, "a")));

    assertThat(Failures.rootMessage(failure)).startsWith("cannot clone " + url + ": fatal:");
  }

  @Test
  void theResultStaysFarBelowThePayloadLimitForTheLargestLayout() throws Exception {
    long largest = 0;
    for (String layout : Corpus.names()) {
      CicdResult result = Corpus.run(layout);
      largest =
          Math.max(
              largest,
              DefaultDataConverter.STANDARD_INSTANCE
                  .toPayload(result)
                  .orElseThrow()
                  .getSerializedSize());
    }
    assertThat(largest).isLessThan(64 * 1024);
  }

  private CicdResult run(CicdRequest request) {
    ReadmeToCicdWorkflow workflow =
        client.newWorkflowStub(
            ReadmeToCicdWorkflow.class,
            WorkflowOptions.newBuilder(WorkflowCatalog.get("cicd").startOptions(request))
                .setTaskQueue(QUEUE)
                .build());
    return workflow.run(request);
  }

  private Path copyOfLayout(String layout) throws IOException {
    Path source = Corpus.root().resolve(layout);
    Path target = work.resolve(layout);
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.toList()) {
        Path copy = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
        } else if (!path.getFileName().toString().equals("expected.txt")) {
          Files.copy(path, copy);
        }
      }
    }
    return target;
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(git.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(git.exitValue()).as(out).isZero();
  }

  private void recordHistoryIfAsked(String workflowId) throws IOException {
    if (Boolean.getBoolean("flotilla.recordHistories")) {
      Files.writeString(
          Path.of("../workflows/src/test/resources/histories/readme-to-cicd.json"),
          client.fetchHistory(workflowId).toJson(true));
    }
  }
}
