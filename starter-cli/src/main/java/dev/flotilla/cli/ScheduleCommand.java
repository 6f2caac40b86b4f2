package dev.flotilla.cli;

import dev.flotilla.common.WorkflowCatalog;
import dev.flotilla.common.WorkflowInput;
import dev.flotilla.maintenance.MaintenancePlan;
import dev.flotilla.optimization.CycleRequest;
import dev.flotilla.optimization.Scope;
import dev.flotilla.retention.RetentionPolicy;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flotilla schedule}: recurring runs. Against a real server these are Temporal Schedules
 * (overlap SKIP, so a run still going when the next is due is skipped, not doubled). The embedded
 * test server implements no Schedule API (UNIMPLEMENTED), so there {@code create} starts a cron
 * workflow instead and says so, {@code describe}, {@code list} and {@code delete} work on cron
 * workflows, and pause, unpause and trigger refuse with one line.
 */
@Command(
    name = "schedule",
    description =
        "Run a workflow on a schedule: create, list, describe, pause, unpause, trigger,"
            + " delete.",
    subcommands = {
      ScheduleCommand.Create.class,
      ScheduleCommand.ListSchedules.class,
      ScheduleCommand.Describe.class,
      ScheduleCommand.Pause.class,
      ScheduleCommand.Unpause.class,
      ScheduleCommand.Trigger.class,
      ScheduleCommand.Delete.class
    })
public final class ScheduleCommand implements Runnable {
  static final String FALLBACK_NOTE = "the embedded server has no Schedules";
  private static final String CRON_MEMO = "flotillaCron";

  /** The cron as created: the spec's own strings if the server kept them, else the memo's. */
  static List<String> cronShown(List<String> fromSpec, Object fromMemo) {
    if (!fromSpec.isEmpty() || fromMemo == null) {
      return fromSpec;
    }
    return List.of(fromMemo.toString());
  }

  /** The workflows a schedule may run: only those whose input can be built from these options. */
  static final List<String> SCHEDULABLE = List.of("optimization-cycle", "retention", "maintenance");

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "create",
      description = "Create a schedule (a cron workflow on the embedded server).")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;

    @Parameters(
        index = "0",
        paramLabel = "WORKFLOW",
        description = "optimization-cycle, retention or maintenance")
    String workflow;

    @Option(
        names = "--scope-account",
        paramLabel = "ACCOUNT",
        description = "12-digit AWS account (optimization-cycle)")
    String account;

    @Option(
        names = "--region",
        paramLabel = "REGION",
        description = "a region to scan; repeat for more")
    List<String> regions;

    @Option(
        names = "--service",
        paramLabel = "SERVICE",
        description = "a service (ec2, rds...); repeat for more; default all")
    List<String> services;

    @Option(
        names = "--source",
        paramLabel = "sample|aws|file:PATH",
        description = "where resources come from (default aws)")
    String source;

    @ArgGroup(multiplicity = "1")
    When when;

    static final class When {
      @Option(names = "--every", description = "hourly, daily or weekly")
      CronSchedule.Every every;

      @Option(
          names = "--cron",
          paramLabel = "\"M H DoM Mon DoW\"",
          description = "UNIX cron, five fields, e.g. \"0 * * * *\"")
      String cron;
    }

    @Option(
        names = "--id",
        description =
            "schedule ID (default: the workflow's business ID, e.g. optimization-cycle/<scope>)")
    String id;

    @Override
    public Integer call() {
      // Everything is checked before connecting, so a bad cron never reaches a server.
      String cron = when.every != null ? when.every.cron : CronSchedule.validated(when.cron);
      WorkflowCatalog.Entry entry = schedulable(workflow);
      WorkflowInput input = input(entry);
      String scheduleId = id != null ? id : input.workflowId();
      input = withRequester(input, "schedule:" + scheduleId);
      PrintWriter out = spec.commandLine().getOut();
      try (TemporalConnection temporal = connection.open()) {
        try {
          createSchedule(temporal, entry, input, scheduleId, cron);
          out.printf(
              "created schedule %s: %s on cron \"%s\", overlap SKIP; its runs have workflow IDs"
                  + " %s-<timestamp>%n",
              scheduleId, entry.name(), cron, input.workflowId());
        } catch (RuntimeException e) {
          if (!isUnimplemented(e)) {
            throw e;
          }
          String runId = startCronWorkflow(temporal, entry, input, cron);
          out.printf(
              "%s; started a cron workflow %s instead (cron \"%s\", run %s)%n",
              FALLBACK_NOTE, input.workflowId(), cron, runId);
        }
      }
      return ExitCode.OK;
    }

    private WorkflowInput input(WorkflowCatalog.Entry entry) {
      boolean scoped = account != null || regions != null || services != null || source != null;
      WorkflowInput input;
      if (entry.name().equals("retention") || entry.name().equals("maintenance")) {
        if (scoped) {
          throw CliFailure.usage(
              "--scope-account, --region, --service and --source are for optimization-cycle;"
                  + " "
                  + entry.name()
                  + " takes none");
        }
        input =
            entry.name().equals("retention")
                ? RetentionPolicy.defaults()
                : MaintenancePlan.defaults();
      } else {
        if (account == null) {
          throw CliFailure.usage(
              "optimization-cycle needs --scope-account, e.g. --scope-account 123456789012"
                  + " --region us-east-1");
        }
        input =
            new CycleRequest(
                new Scope(source, account, regions, services),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
      }
      CliFailure.requireValid(input::validate);
      return input;
    }

    private static WorkflowInput withRequester(WorkflowInput input, String requestedBy) {
      if (input instanceof CycleRequest r) {
        return new CycleRequest(
            r.scope(),
            r.windowHours(),
            r.batchSize(),
            r.continueOnError(),
            r.thresholds(),
            r.dryRun(),
            r.approvalEscalateHours(),
            r.approvalExpireHours(),
            requestedBy);
      }
      return input;
    }

    private static void createSchedule(
        TemporalConnection temporal,
        WorkflowCatalog.Entry entry,
        WorkflowInput input,
        String scheduleId,
        String cron) {
      // A schedule starts each run itself and refuses a conflict policy; SKIP is what keeps one
      // run per scope at a time among scheduled runs.
      WorkflowOptions start =
          WorkflowOptions.newBuilder(entry.startOptions(input))
              .setWorkflowIdConflictPolicy(null)
              .build();
      Schedule schedule =
          Schedule.newBuilder()
              .setAction(
                  ScheduleActionStartWorkflow.newBuilder()
                      .setWorkflowType(entry.workflowType())
                      .setOptions(start)
                      .setArguments(input)
                      .build())
              .setSpec(ScheduleSpec.newBuilder().setCronExpressions(List.of(cron)).build())
              .setPolicy(
                  SchedulePolicy.newBuilder()
                      .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                      .build())
              .build();
      try {
        scheduleClient(temporal)
            .createSchedule(
                scheduleId,
                schedule,
                // The server keeps a cron string only as the calendar it parses it into, so the
                // string a person typed is kept beside it for describe and list.
                ScheduleOptions.newBuilder().setMemo(Map.of(CRON_MEMO, cron)).build());
      } catch (ScheduleAlreadyRunningException e) {
        throw CliFailure.notFound(
            "schedule " + scheduleId + " already exists; delete it first or pass another --id");
      }
    }

    private static String startCronWorkflow(
        TemporalConnection temporal,
        WorkflowCatalog.Entry entry,
        WorkflowInput input,
        String cron) {
      WorkflowOptions options =
          WorkflowOptions.newBuilder(entry.startOptions(input)).setCronSchedule(cron).build();
      try {
        return temporal
            .client()
            .newUntypedWorkflowStub(entry.workflowType(), options)
            .start(input)
            .getRunId();
      } catch (WorkflowExecutionAlreadyStarted e) {
        throw CliFailure.notFound(
            input.subject() + " is already running (run " + e.getExecution().getRunId() + ")");
      }
    }
  }

  @Command(name = "list", description = "List schedules (cron workflows on the embedded server).")
  static final class ListSchedules implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (TemporalConnection temporal = connection.open()) {
        int shown = 0;
        try {
          for (var schedule :
              (Iterable<io.temporal.client.schedules.ScheduleListDescription>)
                  scheduleClient(temporal).listSchedules()::iterator) {
            var state = schedule.getSchedule().getState();
            var next = schedule.getInfo().getNextActionTimes();
            out.printf(
                "%s  %s  cron %s%s%n",
                schedule.getScheduleId(),
                state.isPaused() ? "PAUSED" : "active",
                cronShown(
                    schedule.getSchedule().getSpec().getCronExpressions(),
                    schedule.getMemo(CRON_MEMO, String.class)),
                next.isEmpty() ? "" : "  next " + next.get(0));
            shown++;
          }
        } catch (RuntimeException e) {
          if (!isUnimplemented(e)) {
            throw e;
          }
          shown = listCronWorkflows(temporal, out);
        }
        if (shown == 0) {
          out.println("no schedules");
        }
      }
      return ExitCode.OK;
    }

    private static int listCronWorkflows(TemporalConnection temporal, PrintWriter out) {
      List<WorkflowExecutionInfo> open =
          temporal
              .stubs()
              .blockingStub()
              .listOpenWorkflowExecutions(
                  ListOpenWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(temporal.namespace())
                      .setMaximumPageSize(1000)
                      .build())
              .getExecutionsList();
      int shown = 0;
      for (WorkflowExecutionInfo info : open) {
        String workflowId = info.getExecution().getWorkflowId();
        Optional<String> cron = cronOf(temporal, workflowId);
        if (cron.isPresent()) {
          out.printf(
              "%s  cron workflow  cron \"%s\"  %s (%s)%n",
              workflowId, cron.get(), info.getType().getName(), FALLBACK_NOTE);
          shown++;
        }
      }
      return shown;
    }
  }

  @Command(name = "describe", description = "Show a schedule: cron, state, next and recent runs.")
  static final class Describe implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "SCHEDULE_ID")
    String scheduleId;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (TemporalConnection temporal = connection.open()) {
        try {
          ScheduleDescription description = handle(temporal, scheduleId).describe();
          var schedule = description.getSchedule();
          out.printf("Schedule   %s%n", description.getId());
          out.printf(
              "Cron       %s%n",
              cronShown(
                  schedule.getSpec().getCronExpressions(),
                  description.getMemo(CRON_MEMO, String.class)));
          out.printf(
              "State      %s%s%n",
              schedule.getState().isPaused() ? "PAUSED" : "active",
              blank(schedule.getState().getNote())
                  ? ""
                  : " (" + schedule.getState().getNote() + ")");
          if (schedule.getAction() instanceof ScheduleActionStartWorkflow action) {
            out.printf(
                "Starts     %s as %s-<timestamp>%n",
                action.getWorkflowType(), action.getOptions().getWorkflowId());
          }
          out.printf("Overlap    %s%n", schedule.getPolicy().getOverlap());
          out.printf("Runs       %d%n", description.getInfo().getNumActions());
          out.printf(
              "Skipped    %d (a run was still open)%n",
              description.getInfo().getNumActionsSkippedOverlap());
          description.getInfo().getNextActionTimes().stream()
              .limit(3)
              .forEach(next -> out.printf("Next       %s%n", next));
          description
              .getInfo()
              .getRecentActions()
              .forEach(
                  recent ->
                      out.printf(
                          "Recent     %s %s%n", recent.getScheduledAt(), recent.getAction()));
          return ExitCode.OK;
        } catch (RuntimeException e) {
          if (!isUnimplemented(e)) {
            throw notFoundOr(e, scheduleId);
          }
        }
        String cron =
            cronOf(temporal, scheduleId)
                .orElseThrow(
                    () ->
                        CliFailure.notFound(
                            "no cron workflow with ID '"
                                + scheduleId
                                + "' ("
                                + FALLBACK_NOTE
                                + ")"));
        out.printf("Schedule   %s is a cron workflow (%s)%n", scheduleId, FALLBACK_NOTE);
        out.printf("Cron       %s%n", cron);
        DescribeCommand.print(out, Describer.describe(temporal, scheduleId, null));
        return ExitCode.OK;
      }
    }
  }

  @Command(name = "pause", description = "Pause a schedule (needs a server with Schedules).")
  static final class Pause implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "SCHEDULE_ID")
    String scheduleId;

    @Option(names = "--note", description = "why, shown with the schedule")
    String note;

    @Override
    public Integer call() {
      return onSchedule(
          spec,
          connection,
          "pause",
          scheduleId,
          h -> {
            if (note == null) {
              h.pause();
            } else {
              h.pause(note);
            }
          },
          "paused schedule " + scheduleId);
    }
  }

  @Command(
      name = "unpause",
      description = "Resume a paused schedule (needs a server with Schedules).")
  static final class Unpause implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "SCHEDULE_ID")
    String scheduleId;

    @Override
    public Integer call() {
      return onSchedule(
          spec,
          connection,
          "unpause",
          scheduleId,
          ScheduleHandle::unpause,
          "unpaused schedule " + scheduleId);
    }
  }

  @Command(
      name = "trigger",
      description = "Run a schedule's action now (needs a server with Schedules).")
  static final class Trigger implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "SCHEDULE_ID")
    String scheduleId;

    @Override
    public Integer call() {
      // The schedule's own overlap policy (SKIP) applies: a run already going is not doubled.
      return onSchedule(
          spec,
          connection,
          "trigger",
          scheduleId,
          ScheduleHandle::trigger,
          "triggered schedule " + scheduleId);
    }
  }

  @Command(
      name = "delete",
      description = "Delete a schedule (terminate the cron workflow on the embedded server).")
  static final class Delete implements Callable<Integer> {
    static final String TERMINATE_REASON = "schedule deleted with 'flotilla schedule delete'";

    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "SCHEDULE_ID")
    String scheduleId;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (TemporalConnection temporal = connection.open()) {
        try {
          handle(temporal, scheduleId).delete();
          out.printf("deleted schedule %s%n", scheduleId);
          return ExitCode.OK;
        } catch (RuntimeException e) {
          if (!isUnimplemented(e)) {
            throw notFoundOr(e, scheduleId);
          }
        }
        // Only a cron workflow stands in for a schedule; any other workflow is left alone.
        if (cronOf(temporal, scheduleId).isEmpty()) {
          throw CliFailure.notFound(
              "no cron workflow with ID '" + scheduleId + "' (" + FALLBACK_NOTE + ")");
        }
        try {
          temporal.client().newUntypedWorkflowStub(scheduleId).terminate(TERMINATE_REASON);
        } catch (WorkflowNotFoundException e) {
          throw CliFailure.notFound("no running cron workflow with ID '" + scheduleId + "'");
        }
        out.printf("%s; terminated the cron workflow %s%n", FALLBACK_NOTE, scheduleId);
        return ExitCode.OK;
      }
    }
  }

  private static int onSchedule(
      CommandSpec spec,
      ConnectionOptions connection,
      String verb,
      String scheduleId,
      Consumer<ScheduleHandle> action,
      String done) {
    try (TemporalConnection temporal = connection.open()) {
      try {
        action.accept(handle(temporal, scheduleId));
      } catch (RuntimeException e) {
        if (isUnimplemented(e)) {
          throw CliFailure.unavailable(
              "schedule "
                  + verb
                  + " needs a Temporal server with the Schedule API; "
                  + FALLBACK_NOTE
                  + " (a cron workflow can only be deleted and created again)");
        }
        throw notFoundOr(e, scheduleId);
      }
      spec.commandLine().getOut().println(done);
      return ExitCode.OK;
    }
  }

  static WorkflowCatalog.Entry schedulable(String workflow) {
    if (!SCHEDULABLE.contains(workflow)) {
      throw CliFailure.usage(
          "cannot schedule '"
              + workflow
              + "'; schedulable workflows: "
              + String.join(", ", SCHEDULABLE));
    }
    return WorkflowCatalog.get(workflow);
  }

  private static ScheduleClient scheduleClient(TemporalConnection temporal) {
    return ScheduleClient.newInstance(
        temporal.stubs(),
        ScheduleClientOptions.newBuilder().setNamespace(temporal.namespace()).build());
  }

  private static ScheduleHandle handle(TemporalConnection temporal, String scheduleId) {
    return scheduleClient(temporal).getHandle(scheduleId);
  }

  /**
   * The cron schedule of a workflow's latest run, from its started event; empty when there is no
   * such workflow or it is not a cron workflow.
   */
  static Optional<String> cronOf(TemporalConnection temporal, String workflowId) {
    try {
      var history =
          temporal
              .stubs()
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace(temporal.namespace())
                      .setExecution(Describer.execution(workflowId, null))
                      .setMaximumPageSize(1)
                      .build())
              .getHistory();
      if (history.getEventsCount() == 0) {
        return Optional.empty();
      }
      String cron =
          history.getEvents(0).getWorkflowExecutionStartedEventAttributes().getCronSchedule();
      return cron.isEmpty() ? Optional.empty() : Optional.of(cron);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Whether the server lacks the call: the client libraries wrap the gRPC status in their own. */
  static boolean isUnimplemented(Throwable e) {
    return grpcCode(e).filter(code -> code == Status.Code.UNIMPLEMENTED).isPresent();
  }

  private static Optional<Status.Code> grpcCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StatusRuntimeException grpc) {
        return Optional.of(grpc.getStatus().getCode());
      }
    }
    return Optional.empty();
  }

  private static RuntimeException notFoundOr(RuntimeException e, String scheduleId) {
    if (grpcCode(e).filter(code -> code == Status.Code.NOT_FOUND).isPresent()) {
      return CliFailure.notFound("no schedule with ID '" + scheduleId + "'");
    }
    return e;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
