package dev.flotilla.worker.demo;

import dev.flotilla.common.WorkflowCatalog;
import dev.flotilla.sync.SyncJobWorkflow;
import dev.flotilla.sync.SyncOptions;
import dev.flotilla.sync.SyncOutcome;
import dev.flotilla.sync.SyncPhase;
import dev.flotilla.sync.SyncProgress;
import dev.flotilla.sync.SyncRequest;
import dev.flotilla.worker.FlotillaMain;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Two sync jobs from the bundled sample orders (a JSON file and a CSV file, one bad amount among
 * 60) into the embedded database's {@code sync_records}: the first commits, the second has a fault
 * injected at COMMIT (the request's test-and-demo option) and is rolled back. Then {@code flotilla
 * sync describe} and {@code flotilla sync stats} show it, through the CLI's own code.
 */
public final class SyncDemo implements DemoScenario {
  static final String USER = "demo";
  static final List<String> SAMPLE_FILES =
      List.of("orders-2026-11.json", "orders-2026-11-late.csv");
  static final Map<String, String> MAPPING =
      Map.of(
          "customer", "customer",
          "amount", "amount_usd:number",
          "placed_at", "placed_at:timestamp");

  private static final List<SyncPhase> FULL_ROLLBACK =
      List.of(SyncPhase.COMMIT, SyncPhase.STAGE, SyncPhase.TRANSFORM, SyncPhase.EXTRACT);

  @Override
  public String name() {
    return "sync";
  }

  @Override
  public Report run(WorkflowClient client) throws IOException {
    Path samples = sampleDirectory();
    try {
      return run(client, samples);
    } finally {
      try (Stream<Path> files = Files.walk(samples)) {
        files.sorted(Comparator.reverseOrder()).forEach(SyncDemo::delete);
      }
    }
  }

  private Report run(WorkflowClient client, Path samples) {
    List<String> lines = new ArrayList<>();
    SyncRequest first =
        new SyncRequest(
            USER, "orders-2026-11", samples.toString(), "sync_records", "id", MAPPING, null);
    SyncOutcome committed = job(client, first).run(first);
    lines.add(
        "ran       SyncJob " + first.workflowId() + " from the bundled sample orders (JSON + CSV)");
    lines.add(
        String.format(
            "result    %d extracted, %d quarantined (a bad amount), %d committed into sync_records",
            committed.extracted(), committed.quarantined(), committed.committed()));

    SyncRequest faulty =
        new SyncRequest(
            USER,
            "orders-2026-11-fault",
            samples.toString(),
            "sync_records",
            "id",
            MAPPING,
            new SyncOptions(null, null, null, null, SyncPhase.COMMIT));
    SyncJobWorkflow faultyJob = job(client, faulty);
    boolean failed = false;
    try {
      faultyJob.run(faulty);
    } catch (WorkflowFailedException e) {
      failed = true;
    }
    SyncProgress progress = faultyJob.progress();
    lines.add("ran       SyncJob " + faulty.workflowId() + " with a fault injected at COMMIT");
    lines.add(
        "result    "
            + (failed ? "failed at " + progress.failedPhase() : "did not fail")
            + "; rolled back "
            + progress.rolledBack()
            + ": sync_records is as the first job left it");
    lines.add("");
    lines.add("$ flotilla sync describe " + faulty.workflowId());
    lines.addAll(cli(client, "sync", "describe", faulty.workflowId()));
    lines.add("$ flotilla sync stats");
    lines.addAll(cli(client, "sync", "stats"));
    boolean succeeded =
        committed.succeeded()
            && committed.committed() == 59
            && committed.quarantined() == 1
            && failed
            && progress.rolledBack().equals(FULL_ROLLBACK);
    return new Report(succeeded, lines);
  }

  private static SyncJobWorkflow job(WorkflowClient client, SyncRequest request) {
    return client.newWorkflowStub(
        SyncJobWorkflow.class, WorkflowCatalog.get("sync").startOptions(request));
  }

  /** A flotilla command against the demo's own server, its output as lines. */
  private static List<String> cli(WorkflowClient client, String... args) {
    List<String> withServer = new ArrayList<>(List.of(args));
    withServer.addAll(
        List.of(
            "--address",
            client.getWorkflowServiceStubs().getOptions().getTarget(),
            "--namespace",
            client.getOptions().getNamespace()));
    StringWriter out = new StringWriter();
    CommandLine command = FlotillaMain.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(out, true));
    command.execute(withServer.toArray(String[]::new));
    return out.toString().lines().map(line -> "  " + line).toList();
  }

  /** The bundled sample files in a directory of their own, which the worker's source reads. */
  static Path sampleDirectory() throws IOException {
    Path directory = Files.createTempDirectory("flotilla-demo-sync");
    for (String name : SAMPLE_FILES) {
      try (InputStream sample = SyncDemo.class.getResourceAsStream("/demo/sync/" + name)) {
        if (sample == null) {
          throw new IllegalStateException("the sample " + name + " is missing from the jar");
        }
        Files.copy(sample, directory.resolve(name));
      }
    }
    return directory;
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
