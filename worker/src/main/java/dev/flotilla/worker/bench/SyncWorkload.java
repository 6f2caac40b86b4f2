package dev.flotilla.worker.bench;

import dev.flotilla.alerting.AlertActivitiesImpl;
import dev.flotilla.common.WorkflowCatalog;
import dev.flotilla.settings.FlotillaSettings;
import dev.flotilla.settings.SecretRef;
import dev.flotilla.sync.PhaseRun;
import dev.flotilla.sync.PhaseStatus;
import dev.flotilla.sync.SyncJobWorkflow;
import dev.flotilla.sync.SyncNotifyActivitiesImpl;
import dev.flotilla.sync.SyncPhase;
import dev.flotilla.sync.SyncRequest;
import dev.flotilla.sync.SyncSinkActivitiesImpl;
import dev.flotilla.sync.SyncSourceActivitiesImpl;
import dev.flotilla.sync.SyncSources;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;

/**
 * A whole sync job over a generated directory of JSON files ({@code --records}, 5,000 per file)
 * into {@code sync_records}, against {@link PlainSync}: the same activities in a bare-SDK workflow.
 * Both sides upsert the same keys, so every run writes every record. Per-phase durations come from
 * the job's progress query and from the twin's result; warm-up runs are left out of them.
 */
public final class SyncWorkload implements Workload {
  static final String BASELINE_QUEUE = "bench-plain-sync";
  static final int RECORDS_PER_FILE = 5_000;
  static final Map<String, String> MAPPING = Map.of("name", "title", "amount", "amount:number");

  private final int records;
  private Path source;
  private final Map<String, Map<SyncPhase, List<Long>>> phaseMillis = new java.util.HashMap<>();

  public SyncWorkload(int records) {
    this.records = records;
  }

  @Override
  public String name() {
    return "sync";
  }

  @Override
  public boolean needsDatabase() {
    return true;
  }

  @Override
  public int itemsPerUnit() {
    return records;
  }

  /** A unit is a whole job of --records records. */
  @Override
  public int defaultUnits() {
    return 1;
  }

  /** Both sides write the same sink rows: one job at a time keeps them from waiting on locks. */
  @Override
  public int maxConcurrency() {
    return 1;
  }

  @Override
  public void registerBaseline(WorkerFactory bareFactory, DataSource database) {
    Worker worker = bareFactory.newWorker(BASELINE_QUEUE);
    worker.registerWorkflowImplementationTypes(PlainSync.PlainSyncWorkflowImpl.class);
    // The same adapters the product worker registers, with the same (empty) alert channels.
    worker.registerActivitiesImplementations(
        new SyncSourceActivitiesImpl(
            SyncSources.of(database, SyncSources.defaultHttpClient()), database),
        new SyncSinkActivitiesImpl(database),
        new SyncNotifyActivitiesImpl(
            AlertActivitiesImpl.fromSettings(
                    FlotillaSettings.defaults().alerts(), new SecretRef(Map.of()), database)
                ::send));
  }

  @Override
  public String runFlotilla(WorkflowClient client, String unitId) {
    SyncRequest request = request("flotilla-" + unitId);
    SyncJobWorkflow job =
        client.newWorkflowStub(
            SyncJobWorkflow.class, WorkflowCatalog.get("sync").startOptions(request));
    job.run(request);
    Map<SyncPhase, Long> durations = new EnumMap<>(SyncPhase.class);
    for (PhaseRun run : job.progress().phases()) {
      if (run.status() == PhaseStatus.COMPLETED) {
        durations.put(run.phase(), run.durationMs());
      }
    }
    record("flotilla", unitId, durations);
    return request.workflowId();
  }

  @Override
  public String runBaseline(WorkflowClient client, String unitId) {
    SyncRequest request = request("plain-" + unitId);
    String workflowId = "bench-plain-sync/" + unitId;
    PlainSync.PlainSyncWorkflow workflow =
        client.newWorkflowStub(
            PlainSync.PlainSyncWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(BASELINE_QUEUE)
                .build());
    record("baseline", unitId, workflow.run(request));
    return workflowId;
  }

  /** Records per second of each phase, median over the measured runs, for both sides. */
  @Override
  public synchronized List<String> notes() {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format("%-10s %16s %16s %7s", "phase", "flotilla rec/s", "baseline rec/s", "ratio"));
    for (SyncPhase phase : SyncPhase.values()) {
      double flotilla = recordsPerSecond("flotilla", phase);
      double baseline = recordsPerSecond("baseline", phase);
      lines.add(
          String.format(
              Locale.ROOT,
              "%-10s %16.0f %16.0f %7.3f",
              phase.name().toLowerCase(Locale.ROOT),
              flotilla,
              baseline,
              flotilla / baseline));
    }
    return lines;
  }

  private double recordsPerSecond(String side, SyncPhase phase) {
    List<Long> millis = phaseMillis.getOrDefault(side, Map.of()).getOrDefault(phase, List.of());
    if (millis.isEmpty()) {
      return Double.NaN;
    }
    double median = BenchRunner.median(millis.stream().mapToDouble(Long::doubleValue).toArray());
    return records / (Math.max(median, 1) / 1000.0);
  }

  private synchronized void record(String side, String unitId, Map<SyncPhase, Long> durations) {
    if (unitId.startsWith("r0-")) {
      return; // warm-up
    }
    durations.forEach(
        (phase, ms) ->
            phaseMillis
                .computeIfAbsent(side, s -> new EnumMap<>(SyncPhase.class))
                .computeIfAbsent(phase, p -> new ArrayList<>())
                .add(ms));
  }

  private SyncRequest request(String syncId) {
    return new SyncRequest(
        "bench", syncId, source().toString(), "sync_records", "id", MAPPING, null);
  }

  /** The generated source, written once per bench process. */
  private synchronized Path source() {
    if (source == null) {
      try {
        source = Files.createTempDirectory("flotilla-bench-sync");
        for (int first = 0; first < records; first += RECORDS_PER_FILE) {
          int last = Math.min(records, first + RECORDS_PER_FILE);
          String json =
              IntStream.range(first, last)
                  .mapToObj(
                      i ->
                          String.format(
                              Locale.ROOT,
                              "{\"id\":\"b%d\",\"name\":\"item %d\",\"amount\":%.2f}",
                              i,
                              i,
                              i * 1.5))
                  .collect(Collectors.joining(",\n", "[", "]"));
          Files.writeString(source.resolve(String.format("part-%05d.json", first)), json);
        }
        source.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return source;
  }
}
