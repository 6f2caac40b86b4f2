package dev.flotilla.common;

import dev.flotilla.cicd.CicdRequest;
import dev.flotilla.cicd.ReadmeToCicdWorkflow;
import dev.flotilla.component.ComponentOperationWorkflow;
import dev.flotilla.component.ComponentRequest;
import dev.flotilla.hello.HelloRequest;
import dev.flotilla.hello.HelloWorkflow;
import dev.flotilla.maintenance.MaintenancePlan;
import dev.flotilla.maintenance.MaintenanceWorkflow;
import dev.flotilla.optimization.CycleRequest;
import dev.flotilla.optimization.OptimizationCycleWorkflow;
import dev.flotilla.retention.RetentionPolicy;
import dev.flotilla.retention.RetentionWorkflow;
import dev.flotilla.sync.SyncJobWorkflow;
import dev.flotilla.sync.SyncRequest;
import dev.flotilla.sync.SyncStatsRequest;
import dev.flotilla.sync.SyncStatsWorkflow;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The workflows a person can start by name ({@code flotilla start <name>}). Each entry says which
 * contract it is, what input it takes and how its workflow ID is derived from that input, so the
 * CLI needs nothing but this contract module.
 */
public final class WorkflowCatalog {

  /**
   * One startable workflow.
   *
   * @param name what a person types
   * @param workflowType the Temporal workflow type name
   * @param contract the {@code @WorkflowInterface}
   * @param inputType the record the workflow's run method takes
   * @param taskQueue where its workflow tasks go
   * @param summary one line for help and {@code flotilla start --list}
   */
  public record Entry(
      String name,
      String workflowType,
      Class<?> contract,
      Class<? extends WorkflowInput> inputType,
      String taskQueue,
      String summary) {

    /**
     * How a run of this workflow starts: its business ID, its task queue, one open run per ID, and
     * the search attributes the Web UI and {@code flotilla list} filter on.
     */
    public WorkflowOptions startOptions(WorkflowInput input) {
      SearchAttributes.Builder attributes =
          SearchAttributes.newBuilder()
              .set(FlotillaSearchAttributes.KIND, name)
              .set(FlotillaSearchAttributes.STAGE, "Scheduled");
      WorkflowOptions.Builder options =
          WorkflowOptions.newBuilder()
              .setWorkflowId(input.workflowId())
              .setTaskQueue(taskQueue)
              .setWorkflowIdConflictPolicy(
                  WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL);
      if (input instanceof Prioritized prioritized) {
        // The server orders the run's tasks by this; the search attribute lets people filter on it.
        WorkPriority priority = prioritized.workPriority();
        options.setPriority(priority.temporal());
        attributes.set(FlotillaSearchAttributes.PRIORITY, priority.label());
      }
      return options.setTypedSearchAttributes(attributes.build()).build();
    }
  }

  private static final List<Entry> ENTRIES =
      List.of(
          new Entry(
              "hello",
              HelloWorkflow.TYPE,
              HelloWorkflow.class,
              HelloRequest.class,
              TaskQueues.CORE,
              "one activity that greets someone: checks a deployment end to end"),
          new Entry(
              "sync",
              SyncJobWorkflow.TYPE,
              SyncJobWorkflow.class,
              SyncRequest.class,
              TaskQueues.CORE,
              "move records from a source into a PostgreSQL table in seven phases, rolled back on"
                  + " failure"),
          new Entry(
              "sync-stats",
              SyncStatsWorkflow.TYPE,
              SyncStatsWorkflow.class,
              SyncStatsRequest.class,
              TaskQueues.CORE,
              "read the sync phase analytics and SLA violations (what flotilla sync stats shows)"),
          new Entry(
              "optimization-cycle",
              OptimizationCycleWorkflow.TYPE,
              OptimizationCycleWorkflow.class,
              CycleRequest.class,
              TaskQueues.CORE,
              "scan, analyse and recommend for one scope, then wait for approvals"),
          new Entry(
              "component",
              ComponentOperationWorkflow.TYPE,
              ComponentOperationWorkflow.class,
              ComponentRequest.class,
              TaskQueues.CORE,
              "deploy, scale, update, restart or stop a component; health-checked, restarted when"
                  + " it fails"),
          new Entry(
              "maintenance",
              MaintenanceWorkflow.TYPE,
              MaintenanceWorkflow.class,
              MaintenancePlan.class,
              TaskQueues.CORE,
              "health of every component, retention cleanup, and a backup of Flotilla's database"),
          new Entry(
              "retention",
              RetentionWorkflow.TYPE,
              RetentionWorkflow.class,
              RetentionPolicy.class,
              TaskQueues.CORE,
              "delete audit rows, stored metrics and alert deliveries past their retention"),
          new Entry(
              "cicd",
              ReadmeToCicdWorkflow.TYPE,
              ReadmeToCicdWorkflow.class,
              CicdRequest.class,
              TaskQueues.CORE,
              "detect a repository's stack from its README and build files and generate a GitHub"
                  + " Actions workflow"));

  private WorkflowCatalog() {}

  public static List<Entry> entries() {
    return ENTRIES;
  }

  /** The entry of a workflow the code itself starts, which must exist. */
  public static Entry get(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException("no workflow named " + name));
  }

  public static Optional<Entry> find(String name) {
    return ENTRIES.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  public static String names() {
    return ENTRIES.stream().map(Entry::name).collect(Collectors.joining(", "));
  }
}
