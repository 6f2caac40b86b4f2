package dev.flotilla.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flotilla.common.WorkflowCatalog;
import dev.flotilla.common.WorkflowInput;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "start", description = "Start a Flotilla workflow by name, with its input as JSON.")
public final class StartCommand implements Callable<Integer> {
  private static final ObjectMapper INPUT_MAPPER =
      new ObjectMapper()
          .findAndRegisterModules()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Parameters(
      index = "0",
      paramLabel = "WORKFLOW",
      completionCandidates = WorkflowNames.class,
      description = "which workflow: ${COMPLETION-CANDIDATES}")
  String workflow;

  @Option(
      names = {"-i", "--input"},
      paramLabel = "JSON|@FILE",
      description = "the workflow's input as JSON, or @path to a JSON file")
  String input;

  @Option(names = "--wait", description = "wait for the result and print it")
  boolean wait;

  /** For picocli's completion and help. */
  static final class WorkflowNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return WorkflowCatalog.entries().stream().map(WorkflowCatalog.Entry::name).iterator();
    }
  }

  @Override
  public Integer call() {
    WorkflowCatalog.Entry entry =
        WorkflowCatalog.find(workflow)
            .orElseThrow(
                () ->
                    CliFailure.usage(
                        "unknown workflow '"
                            + workflow
                            + "'; known workflows: "
                            + WorkflowCatalog.names()));
    WorkflowInput request = parseInput(entry);
    try (TemporalConnection temporal = connection.open()) {
      StartedWorkflow started = start(temporal, entry, request);
      var out = spec.commandLine().getOut();
      if (!wait) {
        if (output.json()) {
          OutputOptions.printJson(out, started);
        } else {
          out.printf(
              "started %s  workflowId=%s  runId=%s%n",
              entry.name(), started.workflowId(), started.runId());
        }
        return ExitCode.OK;
      }
      WorkflowStub stub = temporal.client().newUntypedWorkflowStub(started.workflowId());
      try {
        Object result = stub.getResult(Object.class);
        if (output.json()) {
          OutputOptions.printJson(
              out, Map.of("workflowId", started.workflowId(), "result", result));
        } else {
          out.printf(
              "completed %s  workflowId=%s%nresult: %s%n",
              entry.name(), started.workflowId(), Describer.oneLineJson(result));
        }
        return ExitCode.OK;
      } catch (io.temporal.client.WorkflowFailedException e) {
        spec.commandLine()
            .getErr()
            .printf("workflow %s failed: %s%n", started.workflowId(), Describer.failureMessage(e));
        return ExitCode.WORKFLOW_FAILED_OR_NOT_FOUND;
      }
    }
  }

  record StartedWorkflow(String workflow, String workflowId, String runId) {}

  /** Starts and refuses a second run of the same business ID while one is open. */
  static StartedWorkflow start(
      TemporalConnection temporal, WorkflowCatalog.Entry entry, WorkflowInput request) {
    WorkflowOptions options = entry.startOptions(request);
    WorkflowStub stub = temporal.client().newUntypedWorkflowStub(entry.workflowType(), options);
    try {
      var execution = stub.start(request);
      return new StartedWorkflow(entry.name(), execution.getWorkflowId(), execution.getRunId());
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new CliFailure(
          ExitCode.WORKFLOW_FAILED_OR_NOT_FOUND,
          request.subject() + " is already running (run " + e.getExecution().getRunId() + ")");
    }
  }

  private WorkflowInput parseInput(WorkflowCatalog.Entry entry) {
    String json = readInputText();
    WorkflowInput request;
    try {
      JsonNode tree = INPUT_MAPPER.readTree(json);
      request = INPUT_MAPPER.treeToValue(withRequester(tree, entry.inputType()), entry.inputType());
    } catch (UnrecognizedPropertyException e) {
      throw CliFailure.usage(
          "input for "
              + entry.name()
              + " has unknown field '"
              + e.getPropertyName()
              + "'; known fields: "
              + e.getKnownPropertyIds().stream()
                  .map(Object::toString)
                  .sorted()
                  .collect(Collectors.joining(", ")));
    } catch (JsonProcessingException e) {
      throw CliFailure.usage(
          "input for "
              + entry.name()
              + " is not valid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (request == null) {
      throw CliFailure.usage("input for " + entry.name() + " is empty; pass a JSON object");
    }
    CliFailure.requireValid(request::validate);
    return request;
  }

  /**
   * Inputs that record who asked (a {@code requestedBy} field) get the person running the command
   * when the JSON does not name one, so the audit trail says who started the run.
   */
  private static JsonNode withRequester(JsonNode tree, Class<?> inputType) {
    boolean recordsRequester =
        inputType.isRecord()
            && java.util.Arrays.stream(inputType.getRecordComponents())
                .anyMatch(c -> c.getName().equals("requestedBy"));
    if (recordsRequester
        && tree instanceof ObjectNode object
        && !object.hasNonNull("requestedBy")) {
      object.put("requestedBy", System.getProperty("user.name", "unknown"));
    }
    return tree;
  }

  private String readInputText() {
    if (input == null) {
      return "{}";
    }
    if (input.startsWith("@")) {
      Path file = Path.of(input.substring(1));
      try {
        return Files.readString(file);
      } catch (IOException e) {
        throw CliFailure.usage(
            "cannot read input file " + file + ": " + e.getClass().getSimpleName());
      }
    }
    return input;
  }
}
