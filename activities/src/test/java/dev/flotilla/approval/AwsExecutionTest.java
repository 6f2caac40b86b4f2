package dev.flotilla.approval;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.flotilla.optimization.AwsWireMock.EC2_NS;
import static dev.flotilla.optimization.AwsWireMock.ELB_NS;
import static dev.flotilla.optimization.AwsWireMock.RDS_NS;
import static dev.flotilla.optimization.AwsWireMock.S3_NS;
import static dev.flotilla.optimization.AwsWireMock.ec2Error;
import static dev.flotilla.optimization.AwsWireMock.queryAction;
import static dev.flotilla.optimization.AwsWireMock.queryRequested;
import static dev.flotilla.optimization.AwsWireMock.xml;
import static dev.flotilla.optimization.CycleTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.flotilla.optimization.AwsClients;
import dev.flotilla.optimization.AwsWireMock;
import dev.flotilla.optimization.CycleStore;
import dev.flotilla.optimization.Recommendation;
import dev.flotilla.optimization.RecommendationAction;
import dev.flotilla.optimization.RecommendationBatch;
import dev.flotilla.optimization.RecommendationGroup;
import dev.flotilla.optimization.Resource;
import dev.flotilla.optimization.ResourceKind;
import dev.flotilla.settings.FlotillaSettings;
import dev.flotilla.store.TestDatabases;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real execution of approved batches: the approval activity on embedded PostgreSQL, the AWS SDK
 * against WireMock stubs that answer in AWS's wire format (the Query protocol with XML answers for
 * EC2, RDS and ELBv2, REST-XML for S3, REST-JSON for Lambda). WireMock counts every call, so "not
 * called again" is what AWS would have seen.
 */
class AwsExecutionTest {

  private static final String CYCLE = "cycle-x";
  private static final String APPROVAL = "approval/aws:123456789012/us-east-1/all/0a1b2c3d/0";
  private static final String ACCOUNT = "123456789012";
  private static final int SDK_ATTEMPTS = 3;

  /** Five attempts, quickly: a failure that is retried shows up as more calls at WireMock. */
  private static final ActivityOptions RETRIED =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(1))
                  .setMaximumAttempts(5)
                  .build())
          .build();

  private WireMockServer wireMock;
  private DataSource dataSource;
  private CycleStore store;
  private AwsActionExecutor executor;
  private TestActivityEnvironment env;
  private ApprovalActivities activities;

  @BeforeEach
  void setUp() {
    wireMock = new WireMockServer(options().dynamicPort());
    wireMock.start();
    dataSource = TestDatabases.freshMigrated();
    store = new CycleStore(dataSource);
    executor =
        new AwsActionExecutor(
            AwsWireMock.config(URI.create(wireMock.baseUrl()), SDK_ATTEMPTS),
            new AwsActionExecutor.Waits(Duration.ofMillis(1), Duration.ofSeconds(5)));
    FlotillaSettings settings =
        new FlotillaSettings(null, null, null, Map.of(), null, null, null, null);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new ApprovalActivitiesImpl(settings, store, ApprovalNotifier.LOG_ONLY, executor));
    activities = env.newActivityStub(ApprovalActivities.class, RETRIED);
  }

  @AfterEach
  void tearDown() {
    env.close();
    executor.close();
    wireMock.stop();
  }

  private ExecutionReport execute() {
    return activities.execute(new ExecutionRequest(APPROVAL, CYCLE, 0, false));
  }

  private ApplicationFailure executeFailing() {
    ActivityFailure failure = catchThrowableOfType(ActivityFailure.class, this::execute);
    assertThat(failure).as("the execution should have failed").isNotNull();
    return (ApplicationFailure) failure.getCause();
  }

  // ------------------------------------------------------------------ batches

  @Test
  void anApprovedBatchIsCarriedOutInActingOrderAndRecorded() {
    storeBatch(
        plan(instance("i-0abc", "m5.large"), RecommendationAction.STOP_INSTANCE, null),
        plan(volume("vol-0def"), RecommendationAction.DELETE_VOLUME, null),
        plan(snapshot("snap-0old"), RecommendationAction.DELETE_SNAPSHOT, null));
    wireMock.stubFor(
        queryAction("StopInstances").willReturn(xml(instanceChange("Stop", "i-0abc"))));
    wireMock.stubFor(queryAction("DeleteVolume").willReturn(xml(ec2Return("DeleteVolume"))));
    wireMock.stubFor(
        queryAction("DeleteSnapshot")
            .willReturn(
                ec2Error(
                    400, "InvalidSnapshot.NotFound", "The snapshot 'snap-0old' does not exist.")));

    ExecutionReport report = execute();

    assertThat(report.dryRun()).isFalse();
    assertThat(report.failure()).isNull();
    assertThat(report.lines())
        .containsExactly(
            "STOP_INSTANCE i-0abc (us-east-1): stopped; saves $61.32/month",
            "DELETE_VOLUME vol-0def (us-east-1): deleted; saves $8.00/month",
            "DELETE_SNAPSHOT snap-0old (us-east-1): already gone; saves $2.50/month");
    wireMock.verify(1, queryRequested("StopInstances").withRequestBody(containing("i-0abc")));
    wireMock.verify(1, queryRequested("DeleteVolume").withRequestBody(containing("vol-0def")));
    assertThat(
            rows(
                dataSource,
                "SELECT recommendation_id, dry_run, completed FROM executed_actions ORDER BY 1"))
        .containsExactly(
            "DELETE_SNAPSHOT:snap-0old|f|t",
            "DELETE_VOLUME:vol-0def|f|t",
            "STOP_INSTANCE:i-0abc|f|t");
  }

  @Test
  void aSecondExecutionOfTheSameApprovalCallsAwsNoMore() {
    storeBatch(
        plan(instance("i-0abc", "m5.large"), RecommendationAction.STOP_INSTANCE, null),
        plan(volume("vol-0def"), RecommendationAction.DELETE_VOLUME, null));
    wireMock.stubFor(
        queryAction("StopInstances").willReturn(xml(instanceChange("Stop", "i-0abc"))));
    wireMock.stubFor(queryAction("DeleteVolume").willReturn(xml(ec2Return("DeleteVolume"))));

    ExecutionReport first = execute();
    ExecutionReport second = execute();

    assertThat(second).isEqualTo(first);
    wireMock.verify(2, postRequestedFor(urlPathEqualTo("/")));
    assertThat(store.executedCount(APPROVAL)).isEqualTo(2);
  }

  @Test
  void throttlingThenSuccessIsRecoveredAndDoneOnce() {
    storeBatch(plan(instance("i-0abc", "m5.large"), RecommendationAction.STOP_INSTANCE, null));
    wireMock.stubFor(
        queryAction("StopInstances")
            .inScenario("throttle")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded."))
            .willSetStateTo("recovered"));
    wireMock.stubFor(
        queryAction("StopInstances")
            .inScenario("throttle")
            .whenScenarioStateIs("recovered")
            .willReturn(xml(instanceChange("Stop", "i-0abc"))));

    ExecutionReport report = execute();

    assertThat(report.lines())
        .containsExactly("STOP_INSTANCE i-0abc (us-east-1): stopped; saves $61.32/month");
    wireMock.verify(2, queryRequested("StopInstances"));
  }

  @Test
  void throttlingThatOutlivesTheSdkIsARetryableFailureAndTheNextAttemptGetsThrough() {
    storeBatch(plan(instance("i-0abc", "m5.large"), RecommendationAction.STOP_INSTANCE, null));
    // As many throttled answers as the SDK makes attempts: the activity attempt fails, retryable.
    String state = Scenario.STARTED;
    for (int i = 1; i <= SDK_ATTEMPTS; i++) {
      wireMock.stubFor(
          queryAction("StopInstances")
              .inScenario("throttle")
              .whenScenarioStateIs(state)
              .willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded."))
              .willSetStateTo("throttled-" + i));
      state = "throttled-" + i;
    }
    wireMock.stubFor(
        queryAction("StopInstances")
            .inScenario("throttle")
            .whenScenarioStateIs(state)
            .willReturn(xml(instanceChange("Stop", "i-0abc"))));

    ApplicationFailure failure = executeFailing();
    // The test environment runs one attempt per call; the next call is Temporal's next attempt.
    ExecutionReport report = execute();

    assertThat(failure.getType()).isEqualTo(AwsClients.THROTTLED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(report.actions()).isEqualTo(1);
    wireMock.verify(SDK_ATTEMPTS + 1, queryRequested("StopInstances"));
  }

  @Test
  void accessDeniedIsFinalAfterOneRequest() {
    storeBatch(
        plan(volume("vol-0def"), RecommendationAction.DELETE_VOLUME, null),
        plan(instance("i-0abc", "m5.large"), RecommendationAction.STOP_INSTANCE, null));
    wireMock.stubFor(queryAction("DeleteVolume").willReturn(xml(ec2Return("DeleteVolume"))));
    wireMock.stubFor(
        queryAction("StopInstances")
            .willReturn(
                ec2Error(
                    403,
                    "UnauthorizedOperation",
                    "You are not authorized to perform this operation.")));

    ApplicationFailure failure = executeFailing();

    assertThat(failure.getType()).isEqualTo(AwsClients.ACCESS_DENIED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("action 2 of 2 (STOP_INSTANCE:i-0abc)", "1 done before it")
        .contains("ec2:StopInstances", "UnauthorizedOperation")
        .doesNotContain("test");
    wireMock.verify(1, queryRequested("StopInstances"));
    wireMock.verify(1, queryRequested("DeleteVolume"));
    assertThat(rows(dataSource, "SELECT recommendation_id FROM executed_actions WHERE completed"))
        .containsExactly("DELETE_VOLUME:vol-0def");
  }

  @Test
  void aResourceInAStateTheActionCannotApplyToIsFinal() {
    storeBatch(plan(volume("vol-0def"), RecommendationAction.DELETE_VOLUME, null));
    wireMock.stubFor(
        queryAction("DeleteVolume")
            .willReturn(ec2Error(400, "VolumeInUse", "Volume vol-0def is currently attached.")));

    ApplicationFailure failure = executeFailing();

    assertThat(failure.getType()).isEqualTo(AwsClients.BAD_REQUEST);
    assertThat(failure.isNonRetryable()).isTrue();
    wireMock.verify(1, queryRequested("DeleteVolume"));
    assertThat(store.executedCount(APPROVAL)).isZero();
  }

  // ------------------------------------------------------------------ rightsize

  @Test
  void rightsizingARunningInstanceStopsResizesAndStartsIt() {
    storeBatch(plan(instance("i-0big", "m5.2xlarge"), RecommendationAction.RIGHTSIZE, "m5.xlarge"));
    stubDescribeSequence(
        "i-0big",
        new String[] {"running", "m5.2xlarge"},
        new String[] {"stopped", "m5.2xlarge"},
        new String[] {"stopped", "m5.xlarge"});
    wireMock.stubFor(
        queryAction("StopInstances").willReturn(xml(instanceChange("Stop", "i-0big"))));
    wireMock.stubFor(
        queryAction("ModifyInstanceAttribute")
            .willReturn(xml(ec2Return("ModifyInstanceAttribute"))));
    wireMock.stubFor(
        queryAction("StartInstances").willReturn(xml(instanceChange("Start", "i-0big"))));

    ExecutionReport report = execute();

    assertThat(report.lines())
        .containsExactly(
            "RIGHTSIZE i-0big (us-east-1): now m5.xlarge, started again; saves $140.16/month");
    wireMock.verify(1, queryRequested("StopInstances"));
    wireMock.verify(
        1,
        queryRequested("ModifyInstanceAttribute")
            .withRequestBody(containing("InstanceId=i-0big"))
            .withRequestBody(containing("InstanceType.Value=m5.xlarge")));
    wireMock.verify(1, queryRequested("StartInstances"));
  }

  @Test
  void aRightsizeCutShortAfterTheStopStartsTheInstanceWhenRetried() {
    storeBatch(plan(instance("i-0big", "m5.2xlarge"), RecommendationAction.RIGHTSIZE, "m5.xlarge"));
    stubDescribeSequence(
        "i-0big",
        new String[] {"running", "m5.2xlarge"},
        new String[] {"stopped", "m5.2xlarge"},
        // The second execution finds it stopped, as the first left it.
        new String[] {"stopped", "m5.2xlarge"},
        new String[] {"stopped", "m5.xlarge"});
    wireMock.stubFor(
        queryAction("StopInstances").willReturn(xml(instanceChange("Stop", "i-0big"))));
    wireMock.stubFor(
        queryAction("ModifyInstanceAttribute")
            .inScenario("modify")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(ec2Error(400, "UnauthorizedOperation", "not yet"))
            .willSetStateTo("allowed"));
    wireMock.stubFor(
        queryAction("ModifyInstanceAttribute")
            .inScenario("modify")
            .whenScenarioStateIs("allowed")
            .willReturn(xml(ec2Return("ModifyInstanceAttribute"))));
    wireMock.stubFor(
        queryAction("StartInstances").willReturn(xml(instanceChange("Start", "i-0big"))));

    executeFailing();
    ExecutionReport second = execute();

    assertThat(second.lines())
        .containsExactly(
            "RIGHTSIZE i-0big (us-east-1): now m5.xlarge, started again; saves $140.16/month");
    wireMock.verify(1, queryRequested("StopInstances"));
    wireMock.verify(1, queryRequested("StartInstances"));
    assertThat(
            rows(
                dataSource,
                "SELECT prior_state, completed FROM executed_actions WHERE recommendation_id ="
                    + " 'RIGHTSIZE:i-0big'"))
        .containsExactly("running|t");
  }

  // ------------------------------------------------------------------ RDS, S3, ELBv2, Lambda

  @Test
  void aDatabaseAlreadyStoppedIsNotStoppedAgain() {
    storeBatch(plan(database("orders-db"), RecommendationAction.STOP_INSTANCE, null));
    wireMock.stubFor(
        queryAction("DescribeDBInstances")
            .willReturn(xml(describeDatabase("orders-db", "db.r5.large", "stopped"))));

    ExecutionReport report = execute();

    assertThat(report.lines())
        .containsExactly(
            "STOP_INSTANCE orders-db (us-east-1): already stopped; saves $61.32/month");
    wireMock.verify(0, queryRequested("StopDBInstance"));
  }

  @Test
  void anAvailableDatabaseIsStoppedAndAnIdleReplicaDeleted() {
    storeBatch(
        plan(database("orders-db-replica"), RecommendationAction.TERMINATE_INSTANCE, null),
        plan(database("orders-db"), RecommendationAction.STOP_INSTANCE, null));
    wireMock.stubFor(
        queryAction("DescribeDBInstances")
            .withRequestBody(notContaining("orders-db-replica"))
            .willReturn(xml(describeDatabase("orders-db", "db.r5.large", "available"))));
    wireMock.stubFor(
        queryAction("DescribeDBInstances")
            .withRequestBody(containing("DBInstanceIdentifier=orders-db-replica"))
            .willReturn(xml(describeDatabase("orders-db-replica", "db.r5.large", "available"))));
    wireMock.stubFor(
        queryAction("StopDBInstance")
            .willReturn(
                xml(
                    rdsResult(
                        "StopDBInstance", database("orders-db", "db.r5.large", "stopping")))));
    wireMock.stubFor(
        queryAction("DeleteDBInstance")
            .willReturn(
                xml(
                    rdsResult(
                        "DeleteDBInstance",
                        database("orders-db-replica", "db.r5.large", "deleting")))));

    ExecutionReport report = execute();

    assertThat(report.lines())
        .containsExactly(
            "TERMINATE_INSTANCE orders-db-replica (us-east-1): deleting; saves $61.32/month",
            "STOP_INSTANCE orders-db (us-east-1): stopping; saves $61.32/month");
    wireMock.verify(
        1,
        queryRequested("DeleteDBInstance").withRequestBody(containing("SkipFinalSnapshot=true")));
  }

  @Test
  void aLifecycleRuleIsAddedBesideTheBucketsOwnRules() {
    storeBatch(
        plan(
            bucket("logs-bucket"),
            RecommendationAction.ADD_S3_LIFECYCLE_RULE,
            "STANDARD_IA after 45 days"));
    wireMock.stubFor(
        get(urlPathEqualTo("/logs-bucket"))
            .willReturn(
                xml(
                    """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <LifecycleConfiguration xmlns="%s">
                      <Rule>
                        <ID>expire-tmp</ID>
                        <Filter><Prefix>tmp/</Prefix></Filter>
                        <Status>Enabled</Status>
                        <Expiration><Days>7</Days></Expiration>
                      </Rule>
                    </LifecycleConfiguration>
                    """
                        .formatted(S3_NS))));
    wireMock.stubFor(put(urlPathEqualTo("/logs-bucket")).willReturn(aResponse().withStatus(200)));

    ExecutionReport report = execute();

    assertThat(report.lines())
        .containsExactly(
            "ADD_S3_LIFECYCLE_RULE logs-bucket (us-east-1): rule flotilla-standard-ia added:"
                + " STANDARD_IA after 45 days; saves $3.00/month");
    wireMock.verify(
        1,
        putRequestedFor(urlPathEqualTo("/logs-bucket"))
            .withRequestBody(containing("<ID>expire-tmp</ID>"))
            .withRequestBody(containing("<ID>flotilla-standard-ia</ID>"))
            .withRequestBody(containing("<Days>45</Days>"))
            .withRequestBody(containing("<StorageClass>STANDARD_IA</StorageClass>")));
  }

  @Test
  void aBucketThatHasTheRuleAlreadyIsLeftAlone() {
    storeBatch(
        plan(
            bucket("logs-bucket"),
            RecommendationAction.ADD_S3_LIFECYCLE_RULE,
            "STANDARD_IA after 30 days"));
    wireMock.stubFor(
        get(urlPathEqualTo("/logs-bucket"))
            .willReturn(
                xml(
                    """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <LifecycleConfiguration xmlns="%s">
                      <Rule>
                        <ID>flotilla-standard-ia</ID>
                        <Filter><Prefix></Prefix></Filter>
                        <Status>Enabled</Status>
                        <Transition><Days>30</Days><StorageClass>STANDARD_IA</StorageClass></Transition>
                      </Rule>
                    </LifecycleConfiguration>
                    """
                        .formatted(S3_NS))));

    execute();

    wireMock.verify(0, putRequestedFor(urlPathEqualTo("/logs-bucket")));
  }

  @Test
  void aLoadBalancerIsDeletedByArnAndAMissingFunctionCountsAsDeleted() {
    storeBatch(
        plan(
            loadBalancer("app/web-alb/50dc6c495c0c9188"),
            RecommendationAction.DELETE_LOAD_BALANCER,
            null),
        plan(function("nightly-report"), RecommendationAction.DELETE_FUNCTION, null));
    wireMock.stubFor(
        queryAction("DeleteLoadBalancer")
            .willReturn(
                xml(
                    """
                    <DeleteLoadBalancerResponse xmlns="%s">
                      <DeleteLoadBalancerResult/>
                      <ResponseMetadata><RequestId>1549581b-0000-4000-8000-000000000001</RequestId></ResponseMetadata>
                    </DeleteLoadBalancerResponse>
                    """
                        .formatted(ELB_NS))));
    wireMock.stubFor(
        delete(urlPathEqualTo("/2015-03-31/functions/nightly-report"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("X-Amzn-ErrorType", "ResourceNotFoundException")
                    .withBody(
                        "{\"Type\":\"User\",\"Message\":\"Function not found:"
                            + " arn:aws:lambda:us-east-1:123456789012:function:nightly-report\"}")));

    ExecutionReport report = execute();

    assertThat(report.lines())
        .containsExactly(
            "DELETE_LOAD_BALANCER app/web-alb/50dc6c495c0c9188 (us-east-1): deleted; saves"
                + " $16.43/month",
            "DELETE_FUNCTION nightly-report (us-east-1): already gone; saves $0.00/month");
    wireMock.verify(
        1,
        queryRequested("DeleteLoadBalancer")
            .withRequestBody(
                containing(
                    "LoadBalancerArn=arn%3Aaws%3Aelasticloadbalancing%3Aus-east-1%3A123456789012"
                        + "%3Aloadbalancer%2Fapp%2Fweb-alb%2F50dc6c495c0c9188")));
    wireMock.verify(1, deleteRequestedFor(urlPathEqualTo("/2015-03-31/functions/nightly-report")));
  }

  // ------------------------------------------------------------------ the batch in the store

  private record Planned(Resource resource, Recommendation recommendation) {}

  private static final Instant CREATED = Instant.parse("2024-06-01T00:00:00Z");

  private static Resource resource(String id, ResourceKind kind, String size) {
    return new Resource(
        id, kind, ACCOUNT, "us-east-1", size, "running", CREATED, Map.of(), Map.of(), List.of());
  }

  private static Resource instance(String id, String size) {
    return resource(id, ResourceKind.EC2_INSTANCE, size);
  }

  private static Resource volume(String id) {
    return resource(id, ResourceKind.EBS_VOLUME, "gp3:100");
  }

  private static Resource snapshot(String id) {
    return resource(id, ResourceKind.EBS_SNAPSHOT, "50");
  }

  private static Resource database(String id) {
    return resource(id, ResourceKind.RDS_INSTANCE, "db.r5.large");
  }

  private static Resource bucket(String id) {
    return resource(id, ResourceKind.S3_BUCKET, null);
  }

  private static Resource loadBalancer(String id) {
    return resource(id, ResourceKind.LOAD_BALANCER, null);
  }

  private static Resource function(String id) {
    return resource(id, ResourceKind.LAMBDA_FUNCTION, "512");
  }

  private static Planned plan(Resource resource, RecommendationAction action, String proposed) {
    double savings =
        switch (action) {
          case STOP_INSTANCE, TERMINATE_INSTANCE -> 61.32;
          case RIGHTSIZE -> 140.16;
          case DELETE_VOLUME -> 8.0;
          case DELETE_SNAPSHOT -> 2.5;
          case ADD_S3_LIFECYCLE_RULE -> 3.0;
          case DELETE_LOAD_BALANCER -> 16.43;
          case DELETE_FUNCTION -> 0;
        };
    return new Planned(
        resource,
        new Recommendation(
            Recommendation.idFor(action, resource.id()),
            resource.id(),
            resource.kind(),
            action,
            resource.size(),
            proposed,
            savings,
            "test",
            0.9,
            List.of()));
  }

  /** One batch, one group, in the order given. */
  private void storeBatch(Planned... planned) {
    List<Resource> resources = new ArrayList<>();
    List<Recommendation> recommendations = new ArrayList<>();
    for (Planned p : planned) {
      resources.add(p.resource());
      recommendations.add(p.recommendation());
    }
    store.storePage(CYCLE, 0, resources, Map.of());
    store.storeRecommendations(CYCLE, recommendations);
    RecommendationGroup group = new RecommendationGroup(recommendations);
    store.assignGroups(CYCLE, List.of(group));
    store.assignBatches(CYCLE, List.of(new RecommendationBatch(0, List.of(group))));
  }

  // ------------------------------------------------------------------ AWS's wire format

  private static String ec2Return(String action) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <%sResponse xmlns="%s">
            <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
            <return>true</return>
        </%sResponse>
        """
        .formatted(action, EC2_NS, action);
  }

  /** StopInstances, StartInstances and TerminateInstances answer alike. */
  private static String instanceChange(String verb, String id) {
    String now = verb.equals("Start") ? "pending" : "stopping";
    String before = verb.equals("Start") ? "stopped" : "running";
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <%sInstancesResponse xmlns="%s">
          <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
          <instancesSet>
            <item>
              <instanceId>%s</instanceId>
              <currentState><code>%d</code><name>%s</name></currentState>
              <previousState><code>%d</code><name>%s</name></previousState>
            </item>
          </instancesSet>
        </%sInstancesResponse>
        """
        .formatted(verb, EC2_NS, id, code(now), now, code(before), before, verb);
  }

  private static int code(String state) {
    return switch (state) {
      case "pending" -> 0;
      case "running" -> 16;
      case "stopping" -> 64;
      default -> 80;
    };
  }

  /** DescribeInstances answers, one after another, each {state, type}; the last one stays. */
  private void stubDescribeSequence(String id, String[]... answers) {
    String state = Scenario.STARTED;
    for (int i = 0; i < answers.length; i++) {
      String next = i + 1 < answers.length ? "describe-" + (i + 1) : state;
      wireMock.stubFor(
          queryAction("DescribeInstances")
              .inScenario("describe")
              .whenScenarioStateIs(state)
              .willReturn(xml(describeInstance(id, answers[i][0], answers[i][1])))
              .willSetStateTo(next));
      state = next;
    }
  }

  private static String describeInstance(String id, String state, String type) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <DescribeInstancesResponse xmlns="%s">
          <requestId>8f7724cf-496f-496e-8fe3-000000000001</requestId>
          <reservationSet>
            <item>
              <reservationId>r-0123456789abcdef0</reservationId>
              <ownerId>123456789012</ownerId>
              <groupSet/>
              <instancesSet>
                <item>
                  <instanceId>%s</instanceId>
                  <imageId>ami-0abcdef1234567890</imageId>
                  <instanceState><code>%d</code><name>%s</name></instanceState>
                  <instanceType>%s</instanceType>
                  <launchTime>2024-03-01T10:00:00.000Z</launchTime>
                  <placement><availabilityZone>us-east-1a</availabilityZone><tenancy>default</tenancy></placement>
                </item>
              </instancesSet>
            </item>
          </reservationSet>
        </DescribeInstancesResponse>
        """
        .formatted(EC2_NS, id, code(state), state, type);
  }

  private static String database(String id, String dbClass, String status) {
    return """
        <DBInstance>
          <DBInstanceIdentifier>%s</DBInstanceIdentifier>
          <DBInstanceClass>%s</DBInstanceClass>
          <Engine>postgres</Engine>
          <DBInstanceStatus>%s</DBInstanceStatus>
        </DBInstance>
        """
        .formatted(id, dbClass, status);
  }

  private static String describeDatabase(String id, String dbClass, String status) {
    return """
        <DescribeDBInstancesResponse xmlns="%s">
          <DescribeDBInstancesResult>
            <DBInstances>%s</DBInstances>
          </DescribeDBInstancesResult>
          <ResponseMetadata><RequestId>9b7f4c1e-0000-4000-8000-000000000001</RequestId></ResponseMetadata>
        </DescribeDBInstancesResponse>
        """
        .formatted(RDS_NS, database(id, dbClass, status));
  }

  private static String rdsResult(String action, String dbInstance) {
    return """
        <%sResponse xmlns="%s">
          <%sResult>%s</%sResult>
          <ResponseMetadata><RequestId>9b7f4c1e-0000-4000-8000-000000000002</RequestId></ResponseMetadata>
        </%sResponse>
        """
        .formatted(action, RDS_NS, action, dbInstance, action, action);
  }
}
