package dev.flotilla.worker.bench;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Runs a workload's two sides in alternation (A, B, A, B, ...) in one process against one server,
 * so both see the same machine, JIT state and noise; one warm-up round of each is discarded.
 */
public final class BenchRunner {

  /** One round of one side. */
  public record Round(
      String side,
      int round,
      int units,
      double seconds,
      double throughputPerSecond,
      double p50Millis,
      double p99Millis,
      long maxHistoryEvents,
      long heapAfterGcBytes) {}

  /** Medians over the measured rounds of each side, and Flotilla's ratio to the baseline. */
  public record Summary(
      String workload,
      int units,
      int concurrency,
      int rounds,
      List<Round> perRound,
      Round flotillaMedian,
      Round baselineMedian,
      double throughputRatio,
      double p50Ratio) {}

  private final Workload workload;
  private final WorkflowClient flotillaClient;
  private final WorkflowClient baselineClient;
  private final int units;
  private final int concurrency;

  public BenchRunner(
      Workload workload,
      WorkflowClient flotillaClient,
      WorkflowClient baselineClient,
      int units,
      int concurrency) {
    this.workload = workload;
    this.flotillaClient = flotillaClient;
    this.baselineClient = baselineClient;
    this.units = units;
    this.concurrency = concurrency;
  }

  public Summary run(int rounds, java.util.function.Consumer<Round> progress) throws Exception {
    runSide("flotilla", 0, true);
    runSide("baseline", 0, false);
    List<Round> measured = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      Round a = runSide("flotilla", round, true);
      progress.accept(a);
      Round b = runSide("baseline", round, false);
      progress.accept(b);
      measured.add(a);
      measured.add(b);
    }
    Round flotilla = median("flotilla", measured);
    Round baseline = median("baseline", measured);
    return new Summary(
        workload.name(),
        units,
        concurrency,
        rounds,
        measured,
        flotilla,
        baseline,
        flotilla.throughputPerSecond() / baseline.throughputPerSecond(),
        flotilla.p50Millis() / baseline.p50Millis());
  }

  private Round runSide(String side, int round, boolean flotilla) throws Exception {
    WorkflowClient client = flotilla ? flotillaClient : baselineClient;
    Histogram latencies = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
    List<String> workflowIds = Collections.synchronizedList(new ArrayList<>());
    long started = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
      List<Future<?>> pending = new ArrayList<>();
      for (int i = 0; i < units; i++) {
        String unitId = "r" + round + "-" + i + "-" + System.nanoTime();
        pending.add(
            pool.submit(
                () -> {
                  long t0 = System.nanoTime();
                  String id =
                      flotilla
                          ? workload.runFlotilla(client, unitId)
                          : workload.runBaseline(client, unitId);
                  synchronized (latencies) {
                    latencies.recordValue((System.nanoTime() - t0) / 1_000);
                  }
                  workflowIds.add(id);
                  return null;
                }));
      }
      for (Future<?> future : pending) {
        future.get();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Round(
        side,
        round,
        units,
        seconds,
        units / seconds,
        latencies.getValueAtPercentile(50) / 1000.0,
        latencies.getValueAtPercentile(99) / 1000.0,
        maxHistoryEvents(client, workflowIds),
        heapAfterGc());
  }

  private static long maxHistoryEvents(WorkflowClient client, List<String> workflowIds) {
    long max = 0;
    for (String id : workflowIds) {
      long length =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                      .build())
              .getWorkflowExecutionInfo()
              .getHistoryLength();
      max = Math.max(max, length);
    }
    return max;
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static Round median(String side, List<Round> rounds) {
    List<Round> mine = rounds.stream().filter(r -> r.side().equals(side)).toList();
    return new Round(
        side,
        -1,
        mine.get(0).units(),
        median(mine.stream().mapToDouble(Round::seconds).toArray()),
        median(mine.stream().mapToDouble(Round::throughputPerSecond).toArray()),
        median(mine.stream().mapToDouble(Round::p50Millis).toArray()),
        median(mine.stream().mapToDouble(Round::p99Millis).toArray()),
        mine.stream().mapToLong(Round::maxHistoryEvents).max().orElse(0),
        (long) median(mine.stream().mapToDouble(Round::heapAfterGcBytes).toArray()));
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
