package dev.flotilla.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.common.FlotillaSearchAttributes;
import dev.flotilla.common.TaskQueues;
import dev.flotilla.common.WorkflowCatalog;
import dev.flotilla.component.ComponentHistoryWorkflow;
import dev.flotilla.component.ComponentManifest;
import dev.flotilla.component.ComponentOperation;
import dev.flotilla.component.ComponentOperationWorkflow;
import dev.flotilla.component.ComponentRequest;
import dev.flotilla.component.ComponentResult;
import dev.flotilla.component.HistoryRequest;
import dev.flotilla.component.InstanceStatus;
import dev.flotilla.component.OperationRecord;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flotilla component deploy|scale|update|restart|stop|history <name>}: each operation starts
 * the component's workflow ({@code component/<name>}, one operation at a time) and waits for its
 * result; {@code history} reads the component's recorded operations through a read workflow.
 */
@Command(
    name = "component",
    description = "Operate a component: deploy, scale, update, restart, stop; show its history.",
    subcommands = {
      ComponentCommands.Deploy.class,
      ComponentCommands.Scale.class,
      ComponentCommands.Update.class,
      ComponentCommands.Restart.class,
      ComponentCommands.Stop.class,
      ComponentCommands.History.class
    })
public final class ComponentCommands implements Runnable {
  private static final ObjectMapper MANIFEST_MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What every operation takes. */
  abstract static class Operation implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;
    @Mixin OutputOptions output;

    @Parameters(index = "0", paramLabel = "NAME", description = "the component")
    String name;

    @Option(
        names = "--priority",
        paramLabel = "critical|high|normal|low",
        description = "task priority on the server (default normal)")
    String priority;

    @Option(
        names = "--operation-id",
        paramLabel = "ID",
        description = "the operation's identity (a ticket, a deploy number); default the run ID")
    String operationId;

    @Option(
        names = "--max-restarts",
        paramLabel = "N",
        description = "automatic restarts of an unhealthy component before failing (default 2)")
    Integer maxRestarts;

    @Option(names = "--no-wait", description = "start the operation and return")
    boolean noWait;

    abstract ComponentOperation operation();

    ComponentManifest manifest() {
      return null;
    }

    Integer instances() {
      return null;
    }

    @Override
    public Integer call() {
      ComponentRequest request =
          new ComponentRequest(
              name,
              operation(),
              manifest(),
              instances(),
              operationId,
              priority,
              System.getProperty("user.name", "unknown"),
              maxRestarts);
      CliFailure.requireValid(request::validate);
      PrintWriter out = spec.commandLine().getOut();
      try (TemporalConnection temporal = connection.open()) {
        StartCommand.StartedWorkflow started =
            StartCommand.start(temporal, WorkflowCatalog.get("component"), request);
        if (noWait) {
          out.printf(
              "started %s %s  workflowId=%s%n", operation().label(), name, started.workflowId());
          return ExitCode.OK;
        }
        ComponentOperationWorkflow workflow =
            temporal
                .client()
                .newWorkflowStub(
                    ComponentOperationWorkflow.class,
                    started.workflowId(),
                    java.util.Optional.of(started.runId()));
        try {
          ComponentResult result =
              io.temporal.client.WorkflowStub.fromTyped(workflow).getResult(ComponentResult.class);
          if (output.json()) {
            OutputOptions.printJson(out, result);
          } else {
            print(out, result);
          }
          return ExitCode.OK;
        } catch (WorkflowFailedException e) {
          spec.commandLine()
              .getErr()
              .printf(
                  "flotilla: %s %s failed: %s%n",
                  operation().label(), name, Describer.failureMessage(e));
          return ExitCode.WORKFLOW_FAILED_OR_NOT_FOUND;
        }
      }
    }

    private static void print(PrintWriter out, ComponentResult result) {
      out.printf("%s (operation %s)%n", result.detail(), result.operationId());
      for (InstanceStatus instance : result.status().instances()) {
        out.printf(
            "  instance %d  pid %s  port %s  %s%s%n",
            instance.index(),
            instance.pid() == null ? "-" : instance.pid(),
            instance.port() == null ? "-" : instance.port(),
            instance.running() ? "running" : "not running",
            instance.restarts() == 0 ? "" : "  restarted " + instance.restarts() + "x");
      }
      if (result.health() != null) {
        result.health().problems().forEach(p -> out.printf("  problem: %s%n", p));
      }
    }
  }

  /** Operations that take a manifest. */
  abstract static class WithManifest extends Operation {
    @Option(
        names = "--manifest",
        paramLabel = "FILE",
        required = true,
        description = "the component manifest, JSON: command, env, secretEnv, instances, health")
    Path manifestFile;

    @Option(names = "--instances", paramLabel = "N", description = "overrides the manifest's")
    Integer instancesOverride;

    @Override
    ComponentManifest manifest() {
      ComponentManifest manifest;
      try {
        manifest =
            MANIFEST_MAPPER.readValue(Files.readString(manifestFile), ComponentManifest.class);
      } catch (IOException e) {
        throw CliFailure.usage(
            "cannot read manifest "
                + manifestFile
                + ": "
                + (e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse("")));
      }
      if (manifest.name() == null) {
        manifest =
            new ComponentManifest(
                name,
                manifest.command(),
                manifest.env(),
                manifest.secretEnv(),
                manifest.instances(),
                manifest.health(),
                manifest.workingDir());
      }
      return instancesOverride == null ? manifest : manifest.withInstances(instancesOverride);
    }
  }

  @Command(name = "deploy", description = "Start the manifest's instances and check their health.")
  static final class Deploy extends WithManifest {
    @Override
    ComponentOperation operation() {
      return ComponentOperation.DEPLOY;
    }
  }

  @Command(name = "update", description = "Replace the instances with a new manifest's.")
  static final class Update extends WithManifest {
    @Override
    ComponentOperation operation() {
      return ComponentOperation.UPDATE;
    }
  }

  @Command(name = "scale", description = "Run a different number of instances.")
  static final class Scale extends Operation {
    @Option(names = "--instances", paramLabel = "N", required = true, description = "0 to 20")
    Integer count;

    @Override
    ComponentOperation operation() {
      return ComponentOperation.SCALE;
    }

    @Override
    Integer instances() {
      return count;
    }
  }

  @Command(name = "restart", description = "Stop and start every instance, then check health.")
  static final class Restart extends Operation {
    @Override
    ComponentOperation operation() {
      return ComponentOperation.RESTART;
    }
  }

  @Command(name = "stop", description = "Stop every instance.")
  static final class Stop extends Operation {
    @Override
    ComponentOperation operation() {
      return ComponentOperation.STOP;
    }
  }

  @Command(name = "history", description = "The component's recorded operations, newest first.")
  static final class History implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;
    @Mixin OutputOptions output;

    @Parameters(index = "0", paramLabel = "NAME", description = "the component")
    String name;

    @Option(names = "--limit", paramLabel = "N", description = "at most N (default 20)")
    Integer limit;

    @Override
    public Integer call() {
      HistoryRequest request = new HistoryRequest(name, limit);
      CliFailure.requireValid(request::validate);
      List<OperationRecord> records;
      try (TemporalConnection temporal = connection.open()) {
        records =
            temporal
                .client()
                .newWorkflowStub(
                    ComponentHistoryWorkflow.class,
                    readOptions(request.workflowId(), "component-history"))
                .read(request);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (output.json()) {
        OutputOptions.printJson(out, records);
        return ExitCode.OK;
      }
      if (records.isEmpty()) {
        out.printf("no operations recorded for component %s%n", name);
        return ExitCode.OK;
      }
      out.printf(
          "%-20s %-8s %-9s %-8s %-9s %s%n",
          "FINISHED", "OP", "STATUS", "PRIORITY", "RESTARTS", "DETAIL");
      for (OperationRecord r : records) {
        out.printf(
            "%-20s %-8s %-9s %-8s %-9d %s%n",
            r.finishedAt().toString().replaceFirst("\\.\\d+Z$", "Z"),
            r.operation(),
            r.status(),
            r.priority(),
            r.automaticRestarts(),
            r.detail());
      }
      return ExitCode.OK;
    }
  }

  /**
   * A read joins an identical read that is still open instead of failing; its kind keeps reads
   * apart from real work in {@code flotilla list}.
   */
  static WorkflowOptions readOptions(String workflowId, String kind) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.CORE)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder().set(FlotillaSearchAttributes.KIND, kind).build())
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build();
  }
}
