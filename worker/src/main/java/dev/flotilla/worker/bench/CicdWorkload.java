package dev.flotilla.worker.bench;

import dev.flotilla.cicd.CheckoutActivitiesImpl;
import dev.flotilla.cicd.CicdRequest;
import dev.flotilla.cicd.PipelineActivitiesImpl;
import dev.flotilla.cicd.ReadmeToCicdWorkflow;
import dev.flotilla.cicd.RepositoryFileActivitiesImpl;
import dev.flotilla.common.WorkflowCatalog;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * CI generation (a dry run) over the repository layouts of a corpus directory, one repository per
 * unit in turn, against {@link PlainCicd}: the same activities in a bare-SDK workflow.
 */
public final class CicdWorkload implements Workload {
  static final String BASELINE_QUEUE = "bench-plain-cicd";

  private final List<Path> repositories;

  public CicdWorkload(Path corpus) {
    this.repositories = layouts(corpus);
  }

  /** Every directory of the corpus, absolute; empty when there is no such directory. */
  static List<Path> layouts(Path corpus) {
    if (!Files.isDirectory(corpus)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(corpus)) {
      return dirs.filter(Files::isDirectory)
          .map(p -> p.toAbsolutePath().normalize())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int repositories() {
    return repositories.size();
  }

  @Override
  public String name() {
    return "cicd";
  }

  /**
   * Units on the same repository share its workflow ID, so no more are in flight than there are.
   */
  @Override
  public int maxConcurrency() {
    return Math.max(1, repositories.size());
  }

  @Override
  public void registerBaseline(WorkerFactory bareFactory, DataSource database) {
    Worker worker = bareFactory.newWorker(BASELINE_QUEUE);
    worker.registerWorkflowImplementationTypes(PlainCicd.PlainCicdWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new CheckoutActivitiesImpl(Path.of(System.getProperty("java.io.tmpdir"), "flotilla-bench")),
        new RepositoryFileActivitiesImpl(),
        new PipelineActivitiesImpl());
  }

  @Override
  public String runFlotilla(WorkflowClient client, String unitId) {
    CicdRequest request = CicdRequest.dryRun(repository(unitId).toString(), "bench");
    ReadmeToCicdWorkflow workflow =
        client.newWorkflowStub(
            ReadmeToCicdWorkflow.class, WorkflowCatalog.get("cicd").startOptions(request));
    workflow.run(request);
    return request.workflowId();
  }

  @Override
  public String runBaseline(WorkflowClient client, String unitId) {
    String workflowId = "bench-plain-cicd/" + unitId;
    PlainCicd.PlainCicdWorkflow workflow =
        client.newWorkflowStub(
            PlainCicd.PlainCicdWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(BASELINE_QUEUE)
                .build());
    workflow.generate(CicdRequest.dryRun(repository(unitId).toString(), "bench"));
    return workflowId;
  }

  /** Unit IDs are "r{round}-{index}-{nanos}": the index walks the corpus in order. */
  private Path repository(String unitId) {
    int index = Integer.parseInt(unitId.split("-")[1]);
    return repositories.get(index % repositories.size());
  }
}
