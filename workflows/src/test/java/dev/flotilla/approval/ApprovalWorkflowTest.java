package dev.flotilla.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.flotilla.FlotillaTestEnvironment;
import dev.flotilla.audit.AuditActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApprovalWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension workflows =
      FlotillaTestEnvironment.extension(ApprovalWorkflowImpl.class).build();

  private final ApprovalActivities approvals =
      mock(ApprovalActivities.class, withSettings().withoutAnnotations());
  private final AuditActivities audit =
      mock(AuditActivities.class, withSettings().withoutAnnotations());
  private ApprovalWorkflow approval;
  private ApprovalRequest request;
  private long startedAt;

  @BeforeEach
  void start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(approvals.execute(any()))
        .thenReturn(new ExecutionReport(3, true, List.of("would STOP_INSTANCE i-1")));
    worker.registerActivitiesImplementations(approvals, audit);
    env.start();
    request =
        new ApprovalRequest(
            "approval/test/0",
            "cycle-1",
            "optimization-cycle/test",
            "aws:123456789012/us-east-1/all",
            0,
            3,
            120.0,
            List.of("alice", "bob"),
            24,
            72,
            true);
    approval =
        client.newWorkflowStub(
            ApprovalWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(request.approvalId())
                .setTaskQueue(worker.getTaskQueue())
                .build());
    WorkflowClient.start(approval::run, request);
    startedAt = env.currentTimeMillis();
  }

  private ApprovalOutcome outcome() {
    return WorkflowStub.fromTyped(approval).getResult(ApprovalOutcome.class);
  }

  @Test
  void authorisedApprovalRunsTheDryRunExecutionOnce() {
    approval.decide(new Decision(Decision.Kind.APPROVE, "alice", "looks right"));

    ApprovalOutcome outcome = outcome();

    assertThat(outcome.state()).isEqualTo(ApprovalState.APPROVED);
    assertThat(outcome.decidedBy()).isEqualTo("alice");
    assertThat(outcome.execution().dryRun()).isTrue();
    verify(approvals, times(1))
        .execute(new ExecutionRequest("approval/test/0", "cycle-1", 0, true));
  }

  @Test
  void unauthorisedApproverChangesNothingAndIsAudited() {
    approval.decide(new Decision(Decision.Kind.APPROVE, "mallory", "ship it"));
    approval.decide(new Decision(Decision.Kind.REJECT, "bob", "not this week"));

    ApprovalOutcome outcome = outcome();

    assertThat(outcome.state()).isEqualTo(ApprovalState.REJECTED);
    assertThat(outcome.decidedBy()).isEqualTo("bob");
    assertThat(approval.status().ignoredDecisions()).isEqualTo(1);
    verify(audit)
        .record(
            argThat(e -> e.eventType().equals("decision-ignored") && e.actor().equals("mallory")));
    verify(approvals, never()).execute(any());
  }

  @Test
  void repeatedDecisionIsIdempotent() {
    approval.decide(new Decision(Decision.Kind.APPROVE, "alice", null));
    approval.decide(new Decision(Decision.Kind.REJECT, "alice", "changed my mind"));

    ApprovalOutcome outcome = outcome();

    assertThat(outcome.state()).isEqualTo(ApprovalState.APPROVED);
    verify(approvals, times(1)).execute(any());
    verify(audit, times(1)).record(argThat(e -> e.eventType().equals("decided")));
  }

  @Test
  void undecidedApprovalEscalatesAfter24Hours(TestWorkflowEnvironment env) {
    env.sleep(Duration.ofHours(23));
    verify(approvals, never()).remind(any(), eq(true));
    assertThat(approval.status().escalated()).isFalse();

    env.sleep(Duration.ofHours(2));

    assertThat(approval.status().escalated()).isTrue();
    verify(approvals, times(1)).remind(any(), eq(true));
    approval.decide(new Decision(Decision.Kind.APPROVE, "bob", "sorry for the wait"));
    assertThat(outcome().state()).isEqualTo(ApprovalState.APPROVED);
  }

  @Test
  void undecidedApprovalExpiresAfter72HoursAndExecutesNothing(TestWorkflowEnvironment env) {
    ApprovalOutcome outcome = outcome();

    assertThat(outcome.state()).isEqualTo(ApprovalState.EXPIRED);
    assertThat(Duration.ofMillis(env.currentTimeMillis() - startedAt))
        .isGreaterThanOrEqualTo(Duration.ofHours(72));
    verify(approvals, times(1)).remind(any(), eq(true));
    verify(approvals, never()).execute(any());
    verify(audit).record(argThat(e -> e.eventType().equals("expired")));
  }

  @Test
  void anExecutionAwsRefusesIsAuditedAndReportedOnceWithoutFailingTheApproval() {
    when(approvals.execute(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "AWS ec2:StopInstances in us-east-1 was denied (UnauthorizedOperation)",
                "AwsAccessDenied"));
    approval.decide(new Decision(Decision.Kind.APPROVE, "alice", "go"));

    ApprovalOutcome outcome = outcome();

    assertThat(outcome.state()).isEqualTo(ApprovalState.APPROVED);
    assertThat(outcome.execution().actions()).isZero();
    assertThat(outcome.execution().failure())
        .isEqualTo("AWS ec2:StopInstances in us-east-1 was denied (UnauthorizedOperation)");
    verify(approvals, times(1)).execute(any());
    verify(audit)
        .record(
            argThat(
                e ->
                    e.eventType().equals("execution-failed")
                        && e.details().get("cause").contains("UnauthorizedOperation")));
  }
}
