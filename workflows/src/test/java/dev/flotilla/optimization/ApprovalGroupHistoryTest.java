package dev.flotilla.optimization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.flotilla.FlotillaTestEnvironment;
import dev.flotilla.approval.ApprovalActivities;
import dev.flotilla.approval.ApprovalRequest;
import dev.flotilla.approval.ApprovalWorkflow;
import dev.flotilla.approval.ApprovalWorkflowImpl;
import dev.flotilla.approval.Decision;
import dev.flotilla.approval.ExecutionReport;
import dev.flotilla.audit.AuditActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The approval group's committed history still replays. The history is recorded by {@link
 * #recordHistory} with {@code -Dflotilla.recordHistories=true}: a group of two batches, one
 * approved and one rejected, whose cycle is stood in for by another running workflow (a signal to a
 * workflow without that handler is delivered and ignored).
 */
class ApprovalGroupHistoryTest {
  private static final String RESOURCE = "histories/approval-group.json";
  private static final String CYCLE = "optimization-cycle/aws:123456789012/us-east-1/all";

  @RegisterExtension
  static final TestWorkflowExtension workflows =
      FlotillaTestEnvironment.extension(ApprovalGroupWorkflowImpl.class, ApprovalWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  @Test
  void recordedApprovalGroupStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(RESOURCE, ApprovalGroupWorkflowImpl.class);
  }

  @Test
  @EnabledIfSystemProperty(named = "flotilla.recordHistories", matches = "true")
  void recordHistory(TestWorkflowEnvironment env, WorkflowClient client, Worker worker)
      throws Exception {
    ApprovalActivities approvals =
        mock(ApprovalActivities.class, withSettings().withoutAnnotations());
    when(approvals.approversFor(anyString())).thenReturn(List.of("alice"));
    when(approvals.execute(any()))
        .thenReturn(new ExecutionReport(2, true, List.of("would STOP_INSTANCE i-1")));
    // Each approval reminds its approvers first: after two reminders both approvals exist.
    CountDownLatch asked = new CountDownLatch(2);
    doAnswer(
            call -> {
              asked.countDown();
              return null;
            })
        .when(approvals)
        .remind(any(), eq(false));
    worker.registerActivitiesImplementations(
        approvals, mock(AuditActivities.class, withSettings().withoutAnnotations()));
    env.start();
    // A stand-in for the cycle, so the group's progress signal has somewhere to go.
    ApprovalWorkflow standIn =
        client.newWorkflowStub(
            ApprovalWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(CYCLE)
                .setTaskQueue(worker.getTaskQueue())
                .build());
    WorkflowClient.start(
        standIn::run,
        new ApprovalRequest(
            "stand-in",
            "c",
            CYCLE,
            "aws:123456789012/us-east-1/all",
            0,
            0,
            0,
            List.of(),
            24,
            72,
            true));
    String runId = "0a1b2c3d-0000-4000-8000-000000000000";
    ApprovalGroup group =
        new ApprovalGroup(
            1,
            CYCLE + "@" + runId,
            CYCLE,
            runId,
            "aws:123456789012/us-east-1/all",
            List.of("alice"),
            24,
            72,
            true,
            List.of(new BatchRef(400, 12, 120.0), new BatchRef(401, 3, 30.0)));
    ApprovalGroupWorkflow stub =
        client.newWorkflowStub(
            ApprovalGroupWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(CYCLE + "/approvals/1")
                .setTaskQueue(worker.getTaskQueue())
                .build());
    WorkflowClient.start(stub::run, group);
    assertThat(asked.await(60, TimeUnit.SECONDS)).isTrue();
    decide(client, group, 400, Decision.Kind.APPROVE);
    decide(client, group, 401, Decision.Kind.REJECT);
    ApprovalTally tally = WorkflowStub.fromTyped(stub).getResult(ApprovalTally.class);
    assertThat(tally.approved()).isEqualTo(1);
    assertThat(tally.rejected()).isEqualTo(1);

    Files.writeString(
        Path.of("src/test/resources", RESOURCE),
        client.fetchHistory(CYCLE + "/approvals/1").toJson(true));
  }

  private static void decide(
      WorkflowClient client, ApprovalGroup group, int batch, Decision.Kind kind) {
    String id = ApprovalWorkflow.approvalId(group.scopeKey(), group.cycleRunId(), batch);
    client.newUntypedWorkflowStub(id).signal("decide", new Decision(kind, "alice", "recorded"));
  }
}
