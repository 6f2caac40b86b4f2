package dev.flotilla.cli;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.filter.v1.StatusFilter;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Lists workflows. Against a server with a visibility store this is a visibility query on
 * Flotilla's search attributes; the embedded test server has none (ListWorkflowExecutions is
 * UNIMPLEMENTED there), so it falls back to the plain open/closed listings, filtering the rest
 * here.
 */
@Command(name = "list", description = "List workflows, open and closed, by type, status or kind.")
public final class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  enum Which {
    open,
    closed,
    all
  }

  @Option(
      names = "--state",
      defaultValue = "all",
      description = "open, closed or all (default: ${DEFAULT-VALUE})")
  Which which = Which.all;

  @Option(names = "--type", description = "Temporal workflow type, e.g. Hello")
  String type;

  @Option(names = "--kind", description = "Flotilla workflow name, e.g. hello (FlotillaKind)")
  String kind;

  @Option(
      names = "--status",
      description = "Running, Completed, Failed, Canceled, Terminated, ContinuedAsNew or TimedOut")
  String status;

  @Option(
      names = "--limit",
      defaultValue = "50",
      description = "at most this many (default: ${DEFAULT-VALUE})")
  int limit;

  /** One row of the listing. */
  record Row(
      String workflowId,
      String runId,
      String type,
      String status,
      String kind,
      String stage,
      Instant started,
      Instant closed) {}

  @Override
  public Integer call() {
    if (limit < 1) {
      throw CliFailure.usage("--limit must be 1 or more");
    }
    WorkflowExecutionStatus wanted = status == null ? null : parseStatus(status);
    try (TemporalConnection temporal = connection.open()) {
      List<Row> rows;
      try {
        rows = byVisibilityQuery(temporal, wanted);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
          throw e;
        }
        rows = byOpenAndClosedListings(temporal, wanted);
      }
      print(rows);
      return ExitCode.OK;
    }
  }

  private List<Row> byVisibilityQuery(TemporalConnection temporal, WorkflowExecutionStatus wanted) {
    List<String> clauses = new ArrayList<>();
    if (type != null) {
      clauses.add("WorkflowType = '" + quote(type) + "'");
    }
    if (kind != null) {
      clauses.add("FlotillaKind = '" + quote(kind) + "'");
    }
    if (wanted != null) {
      clauses.add("ExecutionStatus = '" + Describer.statusName(wanted) + "'");
    } else if (which == Which.open) {
      clauses.add("ExecutionStatus = 'Running'");
    } else if (which == Which.closed) {
      clauses.add("ExecutionStatus != 'Running'");
    }
    String query = String.join(" AND ", clauses);
    List<Row> rows = new ArrayList<>();
    ByteString page = ByteString.EMPTY;
    do {
      ListWorkflowExecutionsResponse response =
          temporal
              .stubs()
              .blockingStub()
              .listWorkflowExecutions(
                  ListWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(temporal.namespace())
                      .setQuery(query)
                      .setPageSize(Math.min(limit, 1000))
                      .setNextPageToken(page)
                      .build());
      response.getExecutionsList().forEach(info -> rows.add(row(info)));
      page = response.getNextPageToken();
    } while (!page.isEmpty() && rows.size() < limit);
    return rows.size() > limit ? rows.subList(0, limit) : rows;
  }

  private List<Row> byOpenAndClosedListings(
      TemporalConnection temporal, WorkflowExecutionStatus wanted) {
    List<Row> rows = new ArrayList<>();
    boolean wantOpen =
        which != Which.closed
            && (wanted == null
                || wanted == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    boolean wantClosed =
        which != Which.open && wanted != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    if (wantOpen) {
      ListOpenWorkflowExecutionsRequest.Builder request =
          ListOpenWorkflowExecutionsRequest.newBuilder()
              .setNamespace(temporal.namespace())
              .setMaximumPageSize(1000);
      if (type != null) {
        request.setTypeFilter(WorkflowTypeFilter.newBuilder().setName(type));
      }
      ListOpenWorkflowExecutionsResponse response =
          temporal.stubs().blockingStub().listOpenWorkflowExecutions(request.build());
      response.getExecutionsList().forEach(info -> rows.add(row(info)));
    }
    if (wantClosed) {
      ListClosedWorkflowExecutionsRequest.Builder request =
          ListClosedWorkflowExecutionsRequest.newBuilder()
              .setNamespace(temporal.namespace())
              .setMaximumPageSize(1000);
      // The closed listing takes one filter: the type if given (more selective), else the status.
      if (type != null) {
        request.setTypeFilter(WorkflowTypeFilter.newBuilder().setName(type));
      } else if (wanted != null) {
        request.setStatusFilter(StatusFilter.newBuilder().setStatus(wanted));
      }
      ListClosedWorkflowExecutionsResponse response =
          temporal.stubs().blockingStub().listClosedWorkflowExecutions(request.build());
      response.getExecutionsList().forEach(info -> rows.add(row(info)));
    }
    String wantedName = wanted == null ? null : Describer.statusName(wanted);
    return rows.stream()
        .filter(r -> wantedName == null || r.status().equals(wantedName))
        .sorted(Comparator.comparing(Row::started).reversed())
        // After sorting, rows are described one at a time until the limit is reached.
        .map(r -> withSearchAttributes(temporal, r))
        .filter(r -> kind == null || kind.equals(r.kind()))
        .limit(limit)
        .toList();
  }

  /**
   * The plain listings of the test server leave search attributes out, so each row is described to
   * show its kind and stage. Bounded by the listing's page size.
   */
  private static Row withSearchAttributes(TemporalConnection temporal, Row row) {
    if (row.kind() != null) {
      return row;
    }
    WorkflowExecutionInfo info =
        temporal
            .stubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(temporal.namespace())
                    .setExecution(Describer.execution(row.workflowId(), row.runId()))
                    .build())
            .getWorkflowExecutionInfo();
    return row(info);
  }

  private static Row row(WorkflowExecutionInfo info) {
    var attributes = Describer.keywordAttributes(info);
    return new Row(
        info.getExecution().getWorkflowId(),
        info.getExecution().getRunId(),
        info.getType().getName(),
        Describer.statusName(info.getStatus()),
        attributes.get("FlotillaKind"),
        attributes.get("FlotillaStage"),
        Describer.instant(info.getStartTime()),
        info.hasCloseTime() && info.getCloseTime().getSeconds() > 0
            ? Describer.instant(info.getCloseTime())
            : null);
  }

  private void print(List<Row> rows) {
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      OutputOptions.printJson(out, rows);
      return;
    }
    if (rows.isEmpty()) {
      out.println("no workflows match");
      return;
    }
    String format = "%-40s %-22s %-15s %-18s %s%n";
    out.printf(format, "WORKFLOW ID", "TYPE", "STATUS", "STAGE", "STARTED");
    for (Row row : rows) {
      out.printf(
          format,
          row.workflowId(),
          row.type(),
          row.status(),
          row.stage() == null ? "-" : row.stage(),
          row.started());
    }
  }

  private static WorkflowExecutionStatus parseStatus(String text) {
    String normalized = text.replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
    for (WorkflowExecutionStatus candidate : WorkflowExecutionStatus.values()) {
      if (candidate == WorkflowExecutionStatus.UNRECOGNIZED) {
        continue;
      }
      if (candidate
          .name()
          .replace("WORKFLOW_EXECUTION_STATUS_", "")
          .replace("_", "")
          .equals(normalized)) {
        return candidate;
      }
    }
    throw CliFailure.usage(
        "unknown status '"
            + text
            + "'; use Running, Completed, Failed, Canceled, Terminated, ContinuedAsNew or TimedOut");
  }

  private static String quote(String value) {
    return value.replace("'", "\\'");
  }
}
