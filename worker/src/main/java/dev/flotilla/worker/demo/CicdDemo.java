package dev.flotilla.worker.demo;

import dev.flotilla.cicd.CicdRequest;
import dev.flotilla.cicd.CicdResult;
import dev.flotilla.cicd.Detection;
import dev.flotilla.cicd.ProjectUnit;
import dev.flotilla.cicd.ReadmeToCicdWorkflow;
import dev.flotilla.common.WorkflowCatalog;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CI generation for the bundled sample repository (a Spring Boot service with a TypeScript front
 * end and a Dockerfile), as a dry run: the evidence and the YAML, nothing written.
 */
public final class CicdDemo implements DemoScenario {
  private static final String SAMPLE = "/cicd-sample/";

  @Override
  public String name() {
    return "cicd";
  }

  @Override
  public Report run(WorkflowClient client) throws IOException {
    Path repository = extractSample();
    CicdRequest request = CicdRequest.dryRun(repository.toString(), "demo");
    ReadmeToCicdWorkflow workflow =
        client.newWorkflowStub(
            ReadmeToCicdWorkflow.class, WorkflowCatalog.get("cicd").startOptions(request));
    CicdResult result = workflow.run(request);

    List<String> lines = new ArrayList<>();
    lines.add(
        "ran       ReadmeToCicd over the bundled sample repository (dry run) at " + repository);
    for (ProjectUnit unit : result.stack().units()) {
      lines.add(
          String.format(
              "package   %-4s %s / %s on %s: test `%s`",
              unit.directory().isEmpty() ? "." : unit.directory(),
              unit.language(),
              unit.toolchain(),
              String.join(", ", unit.versions()),
              unit.test()));
    }
    long frameworks =
        result.stack().detections().stream()
            .filter(d -> d.category() == Detection.Category.FRAMEWORK)
            .count();
    lines.add(
        "evidence  "
            + result.stack().detections().size()
            + " detections with file:line ("
            + frameworks
            + " frameworks), "
            + result.stack().disagreements().size()
            + " README disagreements, Dockerfiles "
            + result.stack().dockerfiles());
    lines.add(
        "workflow  jobs "
            + result.workflow().jobs()
            + ", "
            + result.workflow().yaml().lines().count()
            + " lines of YAML, validation "
            + (result.valid() ? "ok" : "FAILED " + result.problems())
            + ", "
            + result.write().note());
    lines.add("look      flotilla cicd " + repository + " (prints the evidence and the YAML)");
    boolean expected =
        result.valid()
            && result.workflow().jobs().containsAll(List.of("java", "web", "docker"))
            && !result.write().written();
    return new Report(expected, lines);
  }

  /** The sample's files, copied out of the jar so the worker reads them as any checkout. */
  private static Path extractSample() throws IOException {
    Path target = Files.createTempDirectory("flotilla-cicd-sample-");
    for (String name : resource("files.txt").lines().toList()) {
      Path file = target.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, resource(name));
    }
    return target.toRealPath();
  }

  private static String resource(String name) {
    try (InputStream in = CicdDemo.class.getResourceAsStream(SAMPLE + name)) {
      if (in == null) {
        throw new IllegalStateException("the sample repository lacks " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
