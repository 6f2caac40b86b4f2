package dev.flotilla.cli;

import dev.flotilla.cicd.CicdRequest;
import dev.flotilla.cicd.CicdResult;
import dev.flotilla.cicd.Detection;
import dev.flotilla.cicd.Disagreement;
import dev.flotilla.cicd.Evidence;
import dev.flotilla.cicd.ProjectUnit;
import dev.flotilla.cicd.ReadmeSummary;
import dev.flotilla.common.Failures;
import dev.flotilla.common.WorkflowCatalog;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "cicd",
    description = {
      "Generate a GitHub Actions workflow for a repository from its README and build files.",
      "Prints the evidence for every detection and the YAML; --write creates"
          + " .github/workflows/ci.yml (never overwriting it without --force).",
      "Exit 0 when the workflow validated (and was written if asked), 1 otherwise."
    })
public final class CicdCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Parameters(
      index = "0",
      paramLabel = "PATH|URL",
      description = "a repository's top directory, or a git URL the worker clones (depth 1)")
  String repository;

  @Option(names = "--write", description = "write .github/workflows/ci.yml into the repository")
  boolean write;

  @Option(names = "--force", description = "with --write, overwrite an existing ci.yml")
  boolean force;

  @Option(
      names = "--requested-by",
      paramLabel = "NAME",
      description = "who asks, for the audit and the Web UI (default: the OS user)")
  String requestedBy;

  @Override
  public Integer call() {
    if (force && !write) {
      throw CliFailure.usage("--force only makes sense with --write");
    }
    CicdRequest request =
        new CicdRequest(
            location(repository),
            write,
            force,
            requestedBy == null ? System.getProperty("user.name", "unknown") : requestedBy);
    CliFailure.requireValid(request::validate);
    WorkflowCatalog.Entry entry = WorkflowCatalog.get("cicd");
    try (TemporalConnection temporal = connection.open()) {
      StartCommand.StartedWorkflow started = StartCommand.start(temporal, entry, request);
      WorkflowStub stub = temporal.client().newUntypedWorkflowStub(started.workflowId());
      CicdResult result;
      try {
        result = stub.getResult(CicdResult.class);
      } catch (WorkflowFailedException e) {
        throw CliFailure.notFound(Failures.rootMessage(e));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (output.json()) {
        OutputOptions.printJson(out, result);
      } else {
        print(out, result);
      }
      out.flush();
      boolean done = result.valid() && (!write || result.write().written());
      if (!done) {
        spec.commandLine()
            .getErr()
            .println(
                "flotilla: "
                    + (result.valid()
                        ? result.write().path() + " " + result.write().note()
                        : "the generated workflow did not validate: "
                            + String.join("; ", result.problems())));
        spec.commandLine().getErr().flush();
      }
      return done ? ExitCode.OK : ExitCode.WORKFLOW_FAILED_OR_NOT_FOUND;
    }
  }

  /** A URL as it is; a path made absolute here, since the worker does not share our directory. */
  private static String location(String argument) {
    CicdRequest probe = CicdRequest.dryRun(argument, "x");
    if (probe.remote()) {
      return argument;
    }
    Path path = Path.of(argument).toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw CliFailure.usage(
          "no such repository: " + path + " does not exist; pass a directory or a git URL");
    }
    if (!Files.isDirectory(path)) {
      throw CliFailure.usage(
          path + " is a file, not a repository; pass the repository's top directory");
    }
    return path.toString();
  }

  static void print(PrintWriter out, CicdResult result) {
    out.printf(
        "repository   %s%s%n",
        result.checkout().root(),
        result.checkout().revision() == null
            ? ""
            : " @ " + result.checkout().revision().substring(0, 12));
    ReadmeSummary readme = result.readme();
    out.printf(
        "README       %s%n",
        readme.file() == null
            ? "none"
            : String.format(
                "%s: %d headings, %d code blocks, %d badges, %d commands",
                readme.file(),
                readme.headings().size(),
                readme.codeBlocks().size(),
                readme.badges().size(),
                readme.commands().size()));
    out.println();
    out.println("packages");
    if (result.stack().units().isEmpty()) {
      out.println("  none detected");
    }
    for (ProjectUnit unit : result.stack().units()) {
      out.printf(
          "  %-20s %s / %s on %s%n",
          unit.directory().isEmpty() ? "." : unit.directory(),
          unit.language(),
          unit.toolchain(),
          unit.versions().isEmpty() ? "-" : String.join(", ", unit.versions()));
    }
    out.println();
    out.println("detections (confidence, evidence)");
    for (Detection d : result.stack().detections()) {
      Evidence first = d.evidence().isEmpty() ? null : d.evidence().get(0);
      out.printf(
          "  %-16s %-44s %.2f  %s%n",
          d.category().name().toLowerCase().replace('_', ' '),
          (d.directory().isEmpty() ? "" : d.directory() + ": ")
              + d.name().replace("\n", " ; ")
              + (d.value() == null ? "" : " " + d.value()),
          d.confidence(),
          first == null
              ? ""
              : first
                  + (first.line() > 0 || first.file().startsWith("(") ? "  " + first.text() : ""));
    }
    if (!result.stack().disagreements().isEmpty()) {
      out.println();
      out.println("README and build files disagree");
      for (Disagreement d : result.stack().disagreements()) {
        out.printf("  %s  %s%n", d.readme(), d.message());
      }
    }
    out.println();
    out.printf(
        "validation   %s%n",
        result.valid() ? "ok" : "FAILED: " + String.join("; ", result.problems()));
    out.printf(
        "write        %s: %s%n",
        result.write().path(),
        result.write().note().equals("dry run")
            ? "dry run (--write creates it)"
            : result.write().note());
    out.println();
    out.println("--- " + result.workflow().path());
    out.print(result.workflow().yaml());
  }
}
