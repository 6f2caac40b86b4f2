package dev.flotilla.approval;

import static dev.flotilla.optimization.CycleTestSupport.ONE_ATTEMPT;
import static dev.flotilla.optimization.CycleTestSupport.count;
import static dev.flotilla.optimization.CycleTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.optimization.CycleStore;
import dev.flotilla.optimization.Recommendation;
import dev.flotilla.optimization.RecommendationAction;
import dev.flotilla.optimization.RecommendationBatch;
import dev.flotilla.optimization.RecommendationGroup;
import dev.flotilla.optimization.Resource;
import dev.flotilla.optimization.ResourceKind;
import dev.flotilla.settings.FlotillaSettings;
import dev.flotilla.store.TestDatabases;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApprovalActivitiesTest {

  private static final String CYCLE = "cycle-1";
  private static final String SCOPE = "aws:123456789012/us-east-1/all";
  private static final Instant CREATED = Instant.parse("2024-06-01T00:00:00Z");

  private DataSource dataSource;
  private CycleStore store;
  private ApprovalActivitiesImpl approvals;

  @BeforeEach
  void setUp() {
    dataSource = TestDatabases.freshMigrated();
    store = new CycleStore(dataSource);
    FlotillaSettings settings =
        new FlotillaSettings(
            null, null, null, Map.of(SCOPE, List.of("alice", "bob")), null, null, null, null);
    approvals = new ApprovalActivitiesImpl(settings, store);
  }

  private static Resource resource(String id, ResourceKind kind, String size, List<String> on) {
    return new Resource(
        id, kind, "123456789012", "us-east-1", size, "running", CREATED, Map.of(), Map.of(), on);
  }

  private static Recommendation recommendation(
      Resource resource, RecommendationAction action, String proposed, double savings) {
    return new Recommendation(
        Recommendation.idFor(action, resource.id()),
        resource.id(),
        resource.kind(),
        action,
        resource.size(),
        proposed,
        savings,
        "test",
        0.9,
        resource.dependsOn());
  }

  /** Batch 0: a volume and the idle instance it hangs off (volume first); batch 1: a rightsize. */
  private void storeTwoBatches() {
    Resource instance = resource("i-0abc", ResourceKind.EC2_INSTANCE, "m5.large", List.of());
    Resource volume = resource("vol-0def", ResourceKind.EBS_VOLUME, "gp3:100", List.of("i-0abc"));
    Resource big = resource("i-0big", ResourceKind.EC2_INSTANCE, "m5.2xlarge", List.of());
    List<Resource> resources = List.of(instance, volume, big);
    store.storePage(CYCLE, 0, resources, Map.of());
    Recommendation deleteVolume =
        recommendation(volume, RecommendationAction.DELETE_VOLUME, null, 8.0);
    Recommendation stop = recommendation(instance, RecommendationAction.STOP_INSTANCE, null, 61.32);
    Recommendation rightsize =
        recommendation(big, RecommendationAction.RIGHTSIZE, "m5.xlarge", 140.16);
    store.storeRecommendations(CYCLE, List.of(deleteVolume, stop, rightsize));
    List<RecommendationGroup> groups =
        List.of(
            new RecommendationGroup(List.of(deleteVolume, stop)),
            new RecommendationGroup(List.of(rightsize)));
    store.assignGroups(CYCLE, groups);
    store.assignBatches(
        CYCLE,
        List.of(
            new RecommendationBatch(0, List.of(groups.get(0))),
            new RecommendationBatch(1, List.of(groups.get(1)))));
  }

  @Test
  void approversAreThoseConfiguredForExactlyThatScope() {
    assertThat(approvals.approversFor(SCOPE)).containsExactly("alice", "bob");
    assertThat(approvals.approversFor("aws:123456789012/us-east-1/ec2")).isEmpty();
  }

  @Test
  void aDryRunSaysWhatWouldBeDoneInActingOrder() {
    storeTwoBatches();

    ExecutionReport report = approvals.execute(new ExecutionRequest("approval-0", CYCLE, 0, true));

    assertThat(report)
        .isEqualTo(
            new ExecutionReport(
                2,
                true,
                List.of(
                    "would DELETE_VOLUME vol-0def (gp3:100, us-east-1): saves $8.00/month",
                    "would STOP_INSTANCE i-0abc (m5.large, us-east-1): saves $61.32/month")));
    assertThat(approvals.execute(new ExecutionRequest("approval-1", CYCLE, 1, true)).lines())
        .containsExactly(
            "would RIGHTSIZE i-0big (m5.2xlarge -> m5.xlarge, us-east-1): saves $140.16/month");
  }

  @Test
  void executingTwiceRecordsEachActionOnceAndReportsTheSame() {
    storeTwoBatches();
    ExecutionRequest request = new ExecutionRequest("approval-0", CYCLE, 0, true);

    ExecutionReport first = approvals.execute(request);
    ExecutionReport second = approvals.execute(request);

    assertThat(second).isEqualTo(first);
    assertThat(
            rows(dataSource, "SELECT recommendation_id, dry_run FROM executed_actions ORDER BY 1"))
        .containsExactly("DELETE_VOLUME:vol-0def|t", "STOP_INSTANCE:i-0abc|t");
  }

  @Test
  void aReportCarriesAtMostTwentyLinesButCountsEveryAction() {
    List<Resource> resources = new ArrayList<>();
    List<Recommendation> recommendations = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Resource r =
          resource("i-%03d".formatted(i), ResourceKind.EC2_INSTANCE, "t3.small", List.of());
      resources.add(r);
      recommendations.add(recommendation(r, RecommendationAction.STOP_INSTANCE, null, 1));
    }
    store.storePage(CYCLE, 0, resources, Map.of());
    store.storeRecommendations(CYCLE, recommendations);
    List<RecommendationGroup> groups =
        recommendations.stream().map(r -> new RecommendationGroup(List.of(r))).toList();
    store.assignGroups(CYCLE, groups);
    store.assignBatches(CYCLE, List.of(new RecommendationBatch(0, groups)));

    ExecutionReport report = approvals.execute(new ExecutionRequest("approval-0", CYCLE, 0, true));

    assertThat(report.actions()).isEqualTo(30);
    assertThat(report.lines()).hasSize(20);
    assertThat(count(dataSource, "SELECT count(*) FROM executed_actions")).isEqualTo(30);
  }

  @Test
  void aWorkerWithoutAnExecutorRefusesARealExecutionAndChangesNothing() {
    storeTwoBatches();

    assertThatThrownBy(() -> approvals.execute(new ExecutionRequest("approval-0", CYCLE, 0, false)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType())
                  .isEqualTo(ApprovalActivitiesImpl.EXECUTION_NOT_AVAILABLE);
              assertThat(failure.isNonRetryable()).isTrue();
            });
    assertThat(count(dataSource, "SELECT count(*) FROM executed_actions")).isZero();
  }

  @Test
  void anEscalationIsLoggedAndAuditedOnceHoweverOftenItIsSent() {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(approvals);
      ApprovalActivities activities = env.newActivityStub(ApprovalActivities.class, ONE_ATTEMPT);
      ApprovalRequest request =
          new ApprovalRequest(
              "approval-0",
              CYCLE,
              "optimization-cycle/x",
              SCOPE,
              0,
              2,
              69.32,
              List.of("alice", "bob"),
              24,
              72,
              true);

      activities.remind(request, true);
      activities.remind(request, true);
      activities.remind(request, false);
    } finally {
      env.close();
    }

    assertThat(
            rows(
                dataSource,
                "SELECT workflow_id, item, event_type, details ->> 'approvers', run_id IS NOT NULL"
                    + " FROM audit_events ORDER BY event_type"))
        .containsExactly(
            "approval-0|approval-0|escalation|alice,bob|t",
            "approval-0|approval-0|reminder|alice,bob|t");
  }
}
