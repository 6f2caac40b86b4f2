package dev.flotilla.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.component.BreakerState;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flotilla breakers}: the component circuit breakers of one or more workers. A breaker lives
 * in a worker's memory (shared by the workflows that worker serves), so the command asks each
 * worker's ops endpoint ({@code /breakers}) rather than Temporal.
 */
@Command(
    name = "breakers",
    description = "Show the component circuit breakers of workers (their ops endpoint /breakers).")
public final class BreakersCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Option(
      names = "--worker",
      paramLabel = "URL",
      description = "a worker's ops address; repeat for more (default http://127.0.0.1:9464)")
  List<String> workers = List.of("http://127.0.0.1:9464");

  /** One worker's breakers, as {@code --output json} prints them. */
  public record WorkerBreakers(String worker, List<BreakerState> breakers) {}

  @Override
  public Integer call() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ObjectMapper json = new ObjectMapper();
    List<WorkerBreakers> all = new ArrayList<>();
    for (String worker : workers) {
      String base = worker.replaceFirst("/+$", "");
      URI uri;
      try {
        uri = URI.create(base + "/breakers");
      } catch (IllegalArgumentException e) {
        throw CliFailure.usage("--worker " + worker + " is not a URL, e.g. http://127.0.0.1:9464");
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw CliFailure.unavailable(
              "worker " + base + " answered " + response.statusCode() + " at /breakers");
        }
        all.add(
            new WorkerBreakers(
                base, json.readValue(response.body(), new TypeReference<List<BreakerState>>() {})));
      } catch (IOException e) {
        throw CliFailure.unavailable(
            "worker " + base + " did not answer at /breakers (is its --http-port right?)");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw CliFailure.unavailable("interrupted");
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      OutputOptions.printJson(out, all);
      return ExitCode.OK;
    }
    for (WorkerBreakers worker : all) {
      if (worker.breakers().isEmpty()) {
        out.printf("%s: no component breakers yet%n", worker.worker());
        continue;
      }
      out.printf(
          "%-26s %-20s %-9s %8s %6s %6s %12s  %s%n",
          "WORKER", "COMPONENT", "STATE", "FAILURE%", "CALLS", "FAILED", "NOT-ALLOWED", "OPEN-FOR");
      for (BreakerState b : worker.breakers()) {
        out.printf(
            "%-26s %-20s %-9s %8s %6d %6d %12d  %s%n",
            worker.worker(),
            b.component(),
            b.state(),
            b.failureRate() < 0 ? "-" : String.format("%.0f", b.failureRate()),
            b.bufferedCalls(),
            b.failedCalls(),
            b.notPermittedCalls(),
            b.remainingOpenMillis() == 0 ? "-" : (b.remainingOpenMillis() / 1000) + "s");
      }
    }
    return ExitCode.OK;
  }
}
