package dev.flotilla.cicd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The repository layouts under src/test/resources/cicd-corpus and the pipeline run over one. */
final class Corpus {
  private Corpus() {}

  static Path root() {
    try {
      return Path.of(Corpus.class.getResource("/cicd-corpus").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> names() {
    try (Stream<Path> dirs = Files.list(root())) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stages 1 to 4 on one layout, through the same activity code the worker runs. */
  static CicdResult run(String name) {
    Path path = root().resolve(name);
    Checkout checkout = new Checkout(path.toString(), path.toString(), false, null);
    RepositoryFileActivitiesImpl files = new RepositoryFileActivitiesImpl();
    PipelineActivitiesImpl pipeline = new PipelineActivitiesImpl();
    ReadmeSummary readme = files.parseReadme(checkout);
    BuildInventory inventory = files.inspectBuildFiles(checkout);
    StackReport stack = pipeline.detect(readme, inventory);
    GeneratedWorkflow workflow = pipeline.generate(stack);
    return new CicdResult(
        path.toString(),
        checkout,
        readme,
        stack,
        workflow,
        pipeline.validate(workflow),
        new WriteOutcome(workflow.path(), false, "dry run"));
  }

  /** What the corpus test compares: the stack and commands, one key per line. */
  static String describe(CicdResult result) {
    StringBuilder text = new StringBuilder();
    for (ProjectUnit unit : result.stack().units()) {
      String at = unit.directory().isEmpty() ? "." : unit.directory();
      text.append("unit ")
          .append(at)
          .append(" = ")
          .append(unit.language())
          .append(' ')
          .append(unit.toolchain())
          .append(' ')
          .append(unit.versions())
          .append('\n');
      line(text, at, "install", unit.install());
      line(text, at, "build", unit.build());
      line(text, at, "test", unit.test());
      line(text, at, "lint", unit.lint());
    }
    String frameworks =
        result.stack().detections().stream()
            .filter(d -> d.category() == Detection.Category.FRAMEWORK)
            .map(Detection::name)
            .distinct()
            .sorted()
            .collect(Collectors.joining(", "));
    if (!frameworks.isEmpty()) {
      text.append("frameworks = ").append(frameworks).append('\n');
    }
    for (String dockerfile : result.stack().dockerfiles()) {
      text.append("docker = ").append(dockerfile).append('\n');
    }
    for (Disagreement d : result.stack().disagreements()) {
      text.append("disagreement = ").append(d.message()).append('\n');
    }
    text.append("jobs = ").append(String.join(", ", result.workflow().jobs())).append('\n');
    return text.toString();
  }

  private static void line(StringBuilder text, String at, String key, String command) {
    if (command != null) {
      text.append("  ").append(key).append(" = ").append(command.replace("\n", " ; ")).append('\n');
    }
  }
}
