package dev.flotilla.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowNotFoundException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "signal", description = "Send a signal to a running workflow.")
public final class SignalCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "WORKFLOW_ID")
  String workflowId;

  @Parameters(index = "1", paramLabel = "SIGNAL")
  String signal;

  @Option(
      names = {"-i", "--input"},
      paramLabel = "JSON",
      description = "the signal's argument as JSON")
  String input;

  @Override
  public Integer call() {
    JsonNode argument = null;
    if (input != null) {
      try {
        argument = JSON.readTree(input);
      } catch (JsonProcessingException e) {
        throw CliFailure.usage(
            "signal input is not valid JSON at column "
                + e.getLocation().getColumnNr()
                + ": "
                + e.getOriginalMessage().lines().findFirst().orElse(""));
      }
    }
    try (TemporalConnection temporal = connection.open()) {
      var stub = temporal.client().newUntypedWorkflowStub(workflowId);
      try {
        if (argument == null) {
          stub.signal(signal);
        } else {
          stub.signal(signal, argument);
        }
      } catch (WorkflowNotFoundException e) {
        throw CliFailure.notFound("no running workflow with ID '" + workflowId + "'");
      }
      spec.commandLine().getOut().printf("signalled %s with %s%n", workflowId, signal);
      return ExitCode.OK;
    }
  }
}
