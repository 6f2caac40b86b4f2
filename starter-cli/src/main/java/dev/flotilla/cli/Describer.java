package dev.flotilla.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import dev.flotilla.approval.ApprovalStatus;
import dev.flotilla.approval.ApprovalWorkflow;
import dev.flotilla.optimization.CycleProgress;
import dev.flotilla.optimization.OptimizationCycleWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.PendingChildExecutionInfo;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns Temporal's view of a workflow into what a person asked about: status, stage, results. */
final class Describer {
  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();
  private static final ObjectMapper COMPACT = new ObjectMapper().findAndRegisterModules();

  private Describer() {}

  /** A workflow as {@code flotilla describe} shows it. */
  record WorkflowView(
      String workflowId,
      String runId,
      String type,
      String status,
      String kind,
      String stage,
      String scope,
      Instant started,
      Instant closed,
      long historyEvents,
      List<PendingActivity> pendingActivities,
      List<PendingChild> pendingApprovals,
      List<PendingChild> pendingChildren,
      JsonNode progress,
      JsonNode result,
      String failure) {}

  record PendingActivity(String type, String state, int attempt, String lastFailure) {}

  record PendingChild(String workflowId, String type) {}

  static WorkflowView describe(TemporalConnection temporal, String workflowId, String runId) {
    DescribeWorkflowExecutionResponse response;
    try {
      response =
          temporal
              .stubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(temporal.namespace())
                      .setExecution(execution(workflowId, runId))
                      .build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw CliFailure.notFound(
            "no workflow with ID '" + workflowId + "' in namespace " + temporal.namespace());
      }
      throw e;
    }
    WorkflowExecutionInfo info = response.getWorkflowExecutionInfo();
    Map<String, String> attributes = keywordAttributes(info);
    List<PendingChild> children =
        response.getPendingChildrenList().stream().map(Describer::child).toList();
    JsonNode result = null;
    String failure = null;
    if (info.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      HistoryEvent last =
          temporal.client().fetchHistory(workflowId, info.getExecution().getRunId()).getLastEvent();
      result = resultOf(last);
      failure = failureOf(last);
    }
    return new WorkflowView(
        info.getExecution().getWorkflowId(),
        info.getExecution().getRunId(),
        info.getType().getName(),
        statusName(info.getStatus()),
        attributes.get("FlotillaKind"),
        attributes.get("FlotillaStage"),
        attributes.get("FlotillaScope"),
        instant(info.getStartTime()),
        info.hasCloseTime() ? instant(info.getCloseTime()) : null,
        info.getHistoryLength(),
        response.getPendingActivitiesList().stream().map(Describer::activity).toList(),
        children.stream().filter(c -> c.type().equals(ApprovalWorkflow.TYPE)).toList(),
        children,
        progressOf(temporal, info),
        result,
        failure);
  }

  /**
   * A running workflow's own account of its progress, for the types that offer one. Only those are
   * queried: a query waits for a worker, and other types have nothing to say.
   */
  private static JsonNode progressOf(TemporalConnection temporal, WorkflowExecutionInfo info) {
    if (info.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return null;
    }
    // A cron run waiting for its time has had no workflow task yet, so a query would only wait
    // out its deadline.
    if (info.hasExecutionTime() && instant(info.getExecutionTime()).isAfter(Instant.now())) {
      return null;
    }
    if (info.getType().getName().equals(OptimizationCycleWorkflow.TYPE)) {
      CycleProgress progress =
          temporal
              .client()
              .newWorkflowStub(OptimizationCycleWorkflow.class, info.getExecution().getWorkflowId())
              .progress();
      return COMPACT.valueToTree(progress);
    }
    if (info.getType().getName().equals(ApprovalWorkflow.TYPE)) {
      ApprovalStatus status =
          temporal
              .client()
              .newWorkflowStub(ApprovalWorkflow.class, info.getExecution().getWorkflowId())
              .status();
      return COMPACT.valueToTree(status);
    }
    return null;
  }

  static WorkflowExecution execution(String workflowId, String runId) {
    WorkflowExecution.Builder execution = WorkflowExecution.newBuilder().setWorkflowId(workflowId);
    if (runId != null) {
      execution.setRunId(runId);
    }
    return execution.build();
  }

  static boolean succeeded(String status) {
    return status.equals("Running")
        || status.equals("Completed")
        || status.equals("ContinuedAsNew");
  }

  static String statusName(WorkflowExecutionStatus status) {
    String raw = status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    StringBuilder name = new StringBuilder();
    for (String part : raw.split("_")) {
      name.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return name.toString();
  }

  static Map<String, String> keywordAttributes(WorkflowExecutionInfo info) {
    Map<String, String> values = new LinkedHashMap<>();
    info.getSearchAttributes()
        .getIndexedFieldsMap()
        .forEach(
            (name, payload) -> {
              try {
                Object value = CONVERTER.fromPayload(payload, Object.class, Object.class);
                values.put(
                    name,
                    value instanceof List<?> list && list.size() == 1
                        ? String.valueOf(list.get(0))
                        : String.valueOf(value));
              } catch (RuntimeException e) {
                values.put(name, "?");
              }
            });
    return values;
  }

  static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  private static PendingActivity activity(PendingActivityInfo info) {
    return new PendingActivity(
        info.getActivityType().getName(),
        info.getState().name().replace("PENDING_ACTIVITY_STATE_", ""),
        info.getAttempt(),
        info.hasLastFailure() ? info.getLastFailure().getMessage() : null);
  }

  private static PendingChild child(PendingChildExecutionInfo info) {
    return new PendingChild(info.getWorkflowId(), info.getWorkflowTypeName());
  }

  private static JsonNode resultOf(HistoryEvent last) {
    if (!last.hasWorkflowExecutionCompletedEventAttributes()) {
      return null;
    }
    Payloads payloads = last.getWorkflowExecutionCompletedEventAttributes().getResult();
    if (payloads.getPayloadsCount() == 0) {
      return null;
    }
    Payload payload = payloads.getPayloads(0);
    return CONVERTER.fromPayload(payload, JsonNode.class, JsonNode.class);
  }

  private static String failureOf(HistoryEvent last) {
    Failure failure = null;
    if (last.hasWorkflowExecutionFailedEventAttributes()) {
      failure = last.getWorkflowExecutionFailedEventAttributes().getFailure();
    } else if (last.hasWorkflowExecutionTerminatedEventAttributes()) {
      return "terminated: " + last.getWorkflowExecutionTerminatedEventAttributes().getReason();
    } else if (last.hasWorkflowExecutionTimedOutEventAttributes()) {
      return "timed out";
    } else if (last.hasWorkflowExecutionCanceledEventAttributes()) {
      return "cancelled";
    }
    if (failure == null) {
      return null;
    }
    StringBuilder text = new StringBuilder(failure.getMessage());
    if (failure.hasApplicationFailureInfo()
        && !failure.getApplicationFailureInfo().getType().isEmpty()) {
      text.append(" [").append(failure.getApplicationFailureInfo().getType()).append(']');
    }
    Failure cause = failure.hasCause() ? failure.getCause() : null;
    while (cause != null) {
      text.append(" <- ").append(cause.getMessage());
      cause = cause.hasCause() ? cause.getCause() : null;
    }
    return text.toString();
  }

  /** A workflow failure as one line: the innermost message that says what went wrong. */
  static String failureMessage(WorkflowFailedException e) {
    Throwable cause = e.getCause();
    String message = e.getMessage();
    while (cause != null) {
      if (cause instanceof ApplicationFailure app) {
        message =
            app.getOriginalMessage() + (app.getType() == null ? "" : " [" + app.getType() + "]");
      } else if (cause instanceof TemporalFailure failure) {
        message = failure.getOriginalMessage();
      }
      cause = cause.getCause();
    }
    return message;
  }

  static String oneLineJson(Object value) {
    try {
      return COMPACT.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
