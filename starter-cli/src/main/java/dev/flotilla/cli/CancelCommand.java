package dev.flotilla.cli;

import io.temporal.client.WorkflowNotFoundException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "cancel",
    description = "Ask a running workflow to cancel; it runs its compensations before it stops.")
public final class CancelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "WORKFLOW_ID")
  String workflowId;

  @Option(names = "--reason", description = "why, recorded in the history")
  String reason;

  @Override
  public Integer call() {
    try (TemporalConnection temporal = connection.open()) {
      try {
        temporal.client().newUntypedWorkflowStub(workflowId).cancel(reason);
      } catch (WorkflowNotFoundException e) {
        throw CliFailure.notFound("no running workflow with ID '" + workflowId + "'");
      }
      spec.commandLine().getOut().printf("cancellation requested for %s%n", workflowId);
      return ExitCode.OK;
    }
  }
}
