package dev.flotilla.optimization;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.flotilla.optimization.AwsWireMock.EC2_NS;
import static dev.flotilla.optimization.AwsWireMock.ELB_NS;
import static dev.flotilla.optimization.AwsWireMock.RDS_NS;
import static dev.flotilla.optimization.AwsWireMock.S3_NS;
import static dev.flotilla.optimization.AwsWireMock.ec2Error;
import static dev.flotilla.optimization.AwsWireMock.queryAction;
import static dev.flotilla.optimization.AwsWireMock.queryError;
import static dev.flotilla.optimization.AwsWireMock.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * AwsInventorySource against WireMock stubs that answer in AWS's wire format, so the real SDK
 * marshals real requests and parses real bytes: the Query protocol with XML answers for EC2, RDS
 * and ELBv2, REST-JSON for Lambda, REST-XML for S3 and smithy-rpc-v2-cbor for CloudWatch (its
 * protocol at SDK 2.57.8).
 */
class AwsInventorySourceTest {

  private static final String ACCOUNT = "123456789012";
  private static final int MAX_ATTEMPTS = 4;

  private WireMockServer wireMock;
  private final List<AwsInventorySource> sources = new ArrayList<>();

  @BeforeEach
  void start() {
    wireMock = new WireMockServer(options().dynamicPort());
    wireMock.start();
  }

  @AfterEach
  void stop() {
    sources.forEach(AwsInventorySource::close);
    wireMock.stop();
  }

  private AwsInventorySource source() {
    AwsInventorySource source =
        new AwsInventorySource(AwsWireMock.config(URI.create(wireMock.baseUrl()), MAX_ATTEMPTS));
    sources.add(source);
    return source;
  }

  private static Scope scope(String... services) {
    return new Scope("aws", ACCOUNT, List.of("us-east-1"), List.of(services));
  }

  // ------------------------------------------------------------------ inventory

  @Test
  void readsEveryKindFromTheWireFormats() {
    stubAllKinds();

    InventoryPage page = source().page(scope(), null, 100);

    assertThat(page.nextCursor()).isNull();
    Map<String, Resource> byId = new java.util.HashMap<>();
    page.resources().forEach(r -> byId.put(r.id(), r));
    assertThat(page.resources())
        .extracting(Resource::id)
        .containsExactly(
            "i-0a1b2c3d4e5f60001",
            "i-0a1b2c3d4e5f60002",
            "vol-0000000000000001",
            "vol-0000000000000002",
            "snap-0000000000000001",
            "orders-db",
            "orders-db-replica",
            "nightly-report",
            "app/web-alb/50dc6c495c0c9188",
            "logs-bucket",
            "archive-bucket");

    Resource instance = byId.get("i-0a1b2c3d4e5f60001");
    assertThat(instance.kind()).isEqualTo(ResourceKind.EC2_INSTANCE);
    assertThat(instance.account()).isEqualTo(ACCOUNT);
    assertThat(instance.region()).isEqualTo("us-east-1");
    assertThat(instance.size()).isEqualTo("m5.xlarge");
    assertThat(instance.state()).isEqualTo("running");
    assertThat(instance.createdAt()).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
    assertThat(instance.tags()).containsEntry("Name", "api-1").containsEntry("keep", "true");
    assertThat(instance.keep()).isTrue();
    assertThat(instance.attribute("availabilityZone")).isEqualTo("us-east-1a");
    assertThat(byId.get("i-0a1b2c3d4e5f60002").state()).isEqualTo("stopped");

    Resource attached = byId.get("vol-0000000000000001");
    assertThat(attached.kind()).isEqualTo(ResourceKind.EBS_VOLUME);
    assertThat(attached.size()).isEqualTo("gp3:100");
    assertThat(attached.state()).isEqualTo("in-use");
    assertThat(attached.dependsOn()).containsExactly("i-0a1b2c3d4e5f60001");
    Resource unattached = byId.get("vol-0000000000000002");
    assertThat(unattached.size()).isEqualTo("io1:500");
    assertThat(unattached.state()).isEqualTo("available");
    assertThat(unattached.dependsOn()).isEmpty();
    assertThat(unattached.attribute("iops")).isEqualTo("5000");

    Resource snapshot = byId.get("snap-0000000000000001");
    assertThat(snapshot.kind()).isEqualTo(ResourceKind.EBS_SNAPSHOT);
    assertThat(snapshot.attribute("storedGb")).isEqualTo("100");
    assertThat(snapshot.attribute("sourceVolumeId")).isEqualTo("vol-0000000000000001");
    assertThat(snapshot.createdAt()).isEqualTo(Instant.parse("2023-01-01T00:00:00Z"));

    Resource primary = byId.get("orders-db");
    assertThat(primary.kind()).isEqualTo(ResourceKind.RDS_INSTANCE);
    assertThat(primary.size()).isEqualTo("db.r5.large");
    assertThat(primary.state()).isEqualTo("available");
    assertThat(primary.attribute("maxConnections")).isEqualTo("1802");
    assertThat(primary.attribute("engine")).isEqualTo("postgres");
    assertThat(primary.tags()).containsEntry("team", "payments");
    assertThat(primary.dependsOn()).isEmpty();
    Resource replica = byId.get("orders-db-replica");
    assertThat(replica.dependsOn()).containsExactly("orders-db");
    assertThat(replica.attribute("replicaOf")).isEqualTo("orders-db");

    Resource function = byId.get("nightly-report");
    assertThat(function.kind()).isEqualTo(ResourceKind.LAMBDA_FUNCTION);
    assertThat(function.size()).isEqualTo("512");
    assertThat(function.attribute("runtime")).isEqualTo("python3.12");
    assertThat(function.createdAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));

    Resource alb = byId.get("app/web-alb/50dc6c495c0c9188");
    assertThat(alb.kind()).isEqualTo(ResourceKind.LOAD_BALANCER);
    assertThat(alb.state()).isEqualTo("active");
    assertThat(alb.attribute("type")).isEqualTo("application");
    assertThat(alb.dependsOn()).containsExactly("i-0a1b2c3d4e5f60001", "i-0a1b2c3d4e5f60002");

    assertThat(byId.get("logs-bucket").kind()).isEqualTo(ResourceKind.S3_BUCKET);
    assertThat(byId.get("logs-bucket").attribute("lifecycle")).isEqualTo("none");
    assertThat(byId.get("archive-bucket").attribute("lifecycle")).isEqualTo("configured");
    assertThat(byId.get("archive-bucket").createdAt())
        .isEqualTo(Instant.parse("2021-07-04T12:00:00Z"));
  }

  @Test
  void bucketsAreListedInTheFirstRegionOnly() {
    stubAllKinds();
    Scope twoRegions = new Scope("aws", ACCOUNT, List.of("us-east-1", "us-west-2"), List.of("s3"));

    InventoryPage page = source().page(twoRegions, null, 100);

    assertThat(page.resources())
        .extracting(Resource::id)
        .containsExactly("logs-bucket", "archive-bucket");
    wireMock.verify(1, getRequestedFor(urlPathEqualTo("/")));
  }

  @Test
  void resumesFromTheCursorOfTheLastPageInAFreshSource() {
    wireMock.stubFor(
        queryAction("DescribeInstances")
            .withRequestBody(notContaining("NextToken"))
            .willReturn(
                xml(
                    describeInstances(
                        "tok-page-2",
                        instance("i-0000000000000001", "t3.micro", "running"),
                        instance("i-0000000000000002", "t3.small", "running")))));
    wireMock.stubFor(
        queryAction("DescribeInstances")
            .withRequestBody(containing("NextToken=tok-page-2"))
            .willReturn(
                xml(
                    describeInstances(
                        null, instance("i-0000000000000003", "t3.large", "stopped")))));

    InventoryPage first = source().page(scope("ec2"), null, 2);
    assertThat(first.resources())
        .extracting(Resource::id)
        .containsExactly("i-0000000000000001", "i-0000000000000002");
    assertThat(first.nextCursor()).isNotNull();

    // A retried activity attempt: a new worker process, only the heartbeated cursor survives.
    InventoryPage second = source().page(scope("ec2"), first.nextCursor(), 2);
    assertThat(second.resources()).extracting(Resource::id).containsExactly("i-0000000000000003");
    assertThat(second.nextCursor()).isNull();
    wireMock.verify(2, postRequestedFor(urlPathEqualTo("/")));
  }

  @Test
  void aPageSmallerThanTheServicePageResumesInsideIt() {
    wireMock.stubFor(
        queryAction("DescribeInstances")
            .willReturn(
                xml(
                    describeInstances(
                        null,
                        instance("i-0000000000000001", "t3.micro", "running"),
                        instance("i-0000000000000002", "t3.small", "running")))));

    InventoryPage first = source().page(scope("ec2"), null, 1);
    InventoryPage second = source().page(scope("ec2"), first.nextCursor(), 1);

    assertThat(first.resources()).extracting(Resource::id).containsExactly("i-0000000000000001");
    assertThat(second.resources()).extracting(Resource::id).containsExactly("i-0000000000000002");
    assertThat(second.nextCursor()).isNull();
    // Asked with the same page size both times, so the service page is the same one.
    wireMock.verify(
        2, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("MaxResults=5")));
  }

  @Test
  void aCursorFromElsewhereIsRejected() {
    assertThatThrownBy(() -> source().page(scope("ec2"), "bm90LWEtY3Vyc29y", 10))
        .isInstanceOf(dev.flotilla.common.InvalidInputException.class)
        .hasMessageContaining("not one this AWS inventory source returned");
  }

  // ------------------------------------------------------------------ throttling and denial

  @Test
  void throttlingThenSuccessIsRecoveredByTheSdkRetryStrategy() {
    wireMock.stubFor(
        queryAction("DescribeInstances")
            .inScenario("throttle")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded."))
            .willSetStateTo("recovered"));
    wireMock.stubFor(
        queryAction("DescribeInstances")
            .inScenario("throttle")
            .whenScenarioStateIs("recovered")
            .willReturn(
                xml(
                    describeInstances(
                        null, instance("i-0000000000000001", "t3.micro", "running")))));

    InventoryPage page = source().page(scope("ec2"), null, 10);

    assertThat(page.resources()).extracting(Resource::id).containsExactly("i-0000000000000001");
    wireMock.verify(2, postRequestedFor(urlPathEqualTo("/")));
  }

  @Test
  void throttlingThatOutlivesTheSdkRetriesIsARetryableAwsThrottledFailure() {
    wireMock.stubFor(
        queryAction("DescribeDBInstances")
            .willReturn(queryError(400, RDS_NS, "Throttling", "Rate exceeded")));

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> source().page(scope("rds"), null, 10));

    assertThat(failure.getType()).isEqualTo(AwsInventorySource.THROTTLED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage())
        .contains("rds:DescribeDBInstances")
        .contains("us-east-1")
        .contains("Throttling")
        .doesNotContain("test");
    wireMock.verify(MAX_ATTEMPTS, postRequestedFor(urlPathEqualTo("/")));
  }

  @Test
  void ec2UnauthorizedOperationIsANonRetryableAccessDeniedAfterOneRequest() {
    wireMock.stubFor(
        queryAction("DescribeInstances")
            .willReturn(
                ec2Error(
                    403,
                    "UnauthorizedOperation",
                    "You are not authorized to perform this operation.")));

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> source().page(scope("ec2"), null, 10));

    assertThat(failure.getType()).isEqualTo(AwsInventorySource.ACCESS_DENIED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("ec2:DescribeInstances")
        .contains("us-east-1")
        .contains("UnauthorizedOperation")
        .doesNotContain("test");
    wireMock.verify(1, postRequestedFor(urlPathEqualTo("/")));
  }

  @Test
  void rdsAccessDeniedIsANonRetryableAccessDeniedAfterOneRequest() {
    wireMock.stubFor(
        queryAction("DescribeDBInstances")
            .willReturn(
                queryError(
                    403,
                    RDS_NS,
                    "AccessDenied",
                    "User: arn:aws:iam::123456789012:user/flotilla is not authorized to perform:"
                        + " rds:DescribeDBInstances")));

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> source().page(scope("rds"), null, 10));

    assertThat(failure.getType()).isEqualTo(AwsInventorySource.ACCESS_DENIED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("rds:DescribeDBInstances", "us-east-1");
    wireMock.verify(1, postRequestedFor(urlPathEqualTo("/")));
  }

  @Test
  void anUnknownRegionWithoutAnEmulatorIsANonRetryableBadRequest() {
    AwsInventorySource source =
        new AwsInventorySource(
            new AwsInventorySource.Config(
                null,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
                1,
                null,
                null));
    sources.add(source);
    Scope nowhere = new Scope("aws", ACCOUNT, List.of("xx-nowhere-9"), List.of("ec2"));

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> source.page(nowhere, null, 10));

    assertThat(failure.getType()).isEqualTo(AwsInventorySource.BAD_REQUEST);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("xx-nowhere-9");
  }

  // ------------------------------------------------------------------ metrics

  private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant TO = FROM.plus(Duration.ofHours(4));

  @Test
  void instanceMetricsAreAlignedHourlyWithNullGapsAcrossNextTokenPages() {
    wireMock.stubFor(
        cloudWatch()
            .inScenario("cw")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                cbor(
                    metricData(
                        "cw-page-2",
                        result("m0", hours(0, 1), 5.0, 6.5),
                        result("m1", hours(0), 1000.0))))
            .willSetStateTo("page-2"));
    wireMock.stubFor(
        cloudWatch()
            .inScenario("cw")
            .whenScenarioStateIs("page-2")
            .willReturn(cbor(metricData(null, result("m0", hours(3), 8.0)))));
    Resource instance = resource("i-0000000000000001", ResourceKind.EC2_INSTANCE);

    List<MetricSeries> series = source().metrics(instance, FROM, TO);

    assertThat(series).hasSize(2);
    MetricSeries cpu = series.get(0);
    assertThat(cpu.resourceId()).isEqualTo("i-0000000000000001");
    assertThat(cpu.metric()).isEqualTo(MetricSeries.CPU_UTILIZATION);
    assertThat(cpu.start()).isEqualTo(FROM);
    assertThat(cpu.stepSeconds()).isEqualTo(3600);
    assertThat(cpu.values()).containsExactly(5.0, 6.5, null, 8.0);
    assertThat(series.get(1).metric()).isEqualTo(MetricSeries.NETWORK_IN);
    assertThat(series.get(1).values()).containsExactly(1000.0, null, null, null);
    wireMock.verify(2, postRequestedFor(urlPathMatching(".*/operation/GetMetricData")));
    wireMock.verify(
        1,
        postRequestedFor(urlPathMatching(".*/operation/GetMetricData"))
            .withRequestBody(containing("cw-page-2")));
  }

  @Test
  void lambdaInvocationGapsAreZeros() {
    wireMock.stubFor(cloudWatch().willReturn(cbor(metricData(null, result("m0", hours(2), 3.0)))));
    Resource function = resource("nightly-report", ResourceKind.LAMBDA_FUNCTION);

    List<MetricSeries> series = source().metrics(function, FROM, TO);

    assertThat(series)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.metric()).isEqualTo(MetricSeries.INVOCATIONS);
              assertThat(s.values()).containsExactly(0.0, 0.0, 3.0, 0.0);
            });
    wireMock.verify(
        postRequestedFor(urlPathMatching(".*/operation/GetMetricData"))
            .withRequestBody(containing("AWS/Lambda"))
            .withRequestBody(containing("FunctionName")));
  }

  @Test
  void databaseAndLoadBalancerMetricsUseTheirDimensions() {
    wireMock.stubFor(
        cloudWatch()
            .withRequestBody(containing("AWS/RDS"))
            .willReturn(
                cbor(
                    metricData(
                        null,
                        result("m0", hours(0, 1, 2, 3), 2.0, 3.0, 2.5, 2.0),
                        result("m1", hours(0, 1, 2, 3), 0.0, 1.0, 0.0, 0.0)))));
    wireMock.stubFor(
        cloudWatch()
            .withRequestBody(containing("AWS/ApplicationELB"))
            .willReturn(cbor(metricData(null, result("m0", hours(1), 42.0)))));

    List<MetricSeries> db =
        source().metrics(resource("orders-db", ResourceKind.RDS_INSTANCE), FROM, TO);
    List<MetricSeries> lb =
        source()
            .metrics(
                resource("app/web-alb/50dc6c495c0c9188", ResourceKind.LOAD_BALANCER), FROM, TO);

    assertThat(db)
        .extracting(MetricSeries::metric)
        .containsExactly(MetricSeries.CPU_UTILIZATION, MetricSeries.DATABASE_CONNECTIONS);
    assertThat(db.get(1).values()).containsExactly(0.0, 1.0, 0.0, 0.0);
    assertThat(lb)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.metric()).isEqualTo(MetricSeries.REQUEST_COUNT);
              assertThat(s.values()).containsExactly(0.0, 42.0, 0.0, 0.0);
            });
    wireMock.verify(
        postRequestedFor(urlPathMatching(".*/operation/GetMetricData"))
            .withRequestBody(containing("DBInstanceIdentifier")));
    wireMock.verify(
        postRequestedFor(urlPathMatching(".*/operation/GetMetricData"))
            .withRequestBody(containing("app/web-alb/50dc6c495c0c9188")));
  }

  @Test
  void kindsWithoutMetricsMakeNoCall() {
    assertThat(
            source().metrics(resource("vol-0000000000000001", ResourceKind.EBS_VOLUME), FROM, TO))
        .isEmpty();
    wireMock.verify(0, postRequestedFor(urlPathMatching(".*")));
  }

  private static Resource resource(String id, ResourceKind kind) {
    return new Resource(
        id, kind, ACCOUNT, "us-east-1", null, null, null, Map.of(), Map.of(), List.of());
  }

  // ------------------------------------------------------------------ stubs

  private void stubAllKinds() {
    wireMock.stubFor(
        queryAction("DescribeInstances")
            .willReturn(
                xml(
                    describeInstances(
                        null,
                        instance("i-0a1b2c3d4e5f60001", "m5.xlarge", "running")
                            .replace(
                                "<tagSet/>",
                                "<tagSet><item><key>Name</key><value>api-1</value></item>"
                                    + "<item><key>keep</key><value>true</value></item></tagSet>"),
                        instance("i-0a1b2c3d4e5f60002", "t3.small", "stopped")))));
    wireMock.stubFor(
        queryAction("DescribeVolumes")
            .willReturn(
                xml(
                    """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <DescribeVolumesResponse xmlns="%s">
                        <requestId>1f3c2d4e-0000-4000-8000-000000000002</requestId>
                        <volumeSet>
                            <item>
                                <volumeId>vol-0000000000000001</volumeId>
                                <size>100</size>
                                <snapshotId/>
                                <availabilityZone>us-east-1a</availabilityZone>
                                <status>in-use</status>
                                <createTime>2024-03-01T10:00:05.000Z</createTime>
                                <attachmentSet>
                                    <item>
                                        <volumeId>vol-0000000000000001</volumeId>
                                        <instanceId>i-0a1b2c3d4e5f60001</instanceId>
                                        <device>/dev/xvda</device>
                                        <status>attached</status>
                                        <attachTime>2024-03-01T10:00:05.000Z</attachTime>
                                        <deleteOnTermination>true</deleteOnTermination>
                                    </item>
                                </attachmentSet>
                                <volumeType>gp3</volumeType>
                                <iops>3000</iops>
                                <encrypted>false</encrypted>
                                <multiAttachEnabled>false</multiAttachEnabled>
                                <throughput>125</throughput>
                            </item>
                            <item>
                                <volumeId>vol-0000000000000002</volumeId>
                                <size>500</size>
                                <snapshotId/>
                                <availabilityZone>us-east-1b</availabilityZone>
                                <status>available</status>
                                <createTime>2023-11-20T08:30:00.000Z</createTime>
                                <attachmentSet/>
                                <volumeType>io1</volumeType>
                                <iops>5000</iops>
                                <encrypted>true</encrypted>
                                <multiAttachEnabled>false</multiAttachEnabled>
                            </item>
                        </volumeSet>
                    </DescribeVolumesResponse>
                    """
                        .formatted(EC2_NS))));
    wireMock.stubFor(
        queryAction("DescribeSnapshots")
            .withRequestBody(containing("Owner.1=self"))
            .willReturn(
                xml(
                    """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <DescribeSnapshotsResponse xmlns="%s">
                        <requestId>1f3c2d4e-0000-4000-8000-000000000003</requestId>
                        <snapshotSet>
                            <item>
                                <snapshotId>snap-0000000000000001</snapshotId>
                                <volumeId>vol-0000000000000001</volumeId>
                                <status>completed</status>
                                <startTime>2023-01-01T00:00:00.000Z</startTime>
                                <progress>100%%</progress>
                                <ownerId>123456789012</ownerId>
                                <volumeSize>100</volumeSize>
                                <description>nightly backup</description>
                                <encrypted>false</encrypted>
                                <storageTier>standard</storageTier>
                            </item>
                        </snapshotSet>
                    </DescribeSnapshotsResponse>
                    """
                        .formatted(EC2_NS))));
    wireMock.stubFor(
        queryAction("DescribeDBInstances")
            .willReturn(
                xml(
                    """
                    <DescribeDBInstancesResponse xmlns="%s">
                      <DescribeDBInstancesResult>
                        <DBInstances>
                          <DBInstance>
                            <DBInstanceIdentifier>orders-db</DBInstanceIdentifier>
                            <DBInstanceClass>db.r5.large</DBInstanceClass>
                            <Engine>postgres</Engine>
                            <DBInstanceStatus>available</DBInstanceStatus>
                            <AllocatedStorage>200</AllocatedStorage>
                            <InstanceCreateTime>2023-06-01T00:00:00.000Z</InstanceCreateTime>
                            <MultiAZ>false</MultiAZ>
                            <ReadReplicaDBInstanceIdentifiers>
                              <ReadReplicaDBInstanceIdentifier>orders-db-replica</ReadReplicaDBInstanceIdentifier>
                            </ReadReplicaDBInstanceIdentifiers>
                            <TagList>
                              <Tag><Key>team</Key><Value>payments</Value></Tag>
                            </TagList>
                          </DBInstance>
                          <DBInstance>
                            <DBInstanceIdentifier>orders-db-replica</DBInstanceIdentifier>
                            <DBInstanceClass>db.r5.large</DBInstanceClass>
                            <Engine>postgres</Engine>
                            <DBInstanceStatus>available</DBInstanceStatus>
                            <AllocatedStorage>200</AllocatedStorage>
                            <InstanceCreateTime>2023-07-01T00:00:00.000Z</InstanceCreateTime>
                            <MultiAZ>false</MultiAZ>
                            <ReadReplicaSourceDBInstanceIdentifier>orders-db</ReadReplicaSourceDBInstanceIdentifier>
                            <TagList/>
                          </DBInstance>
                        </DBInstances>
                      </DescribeDBInstancesResult>
                      <ResponseMetadata>
                        <RequestId>5e8c6d2a-0000-4000-8000-000000000004</RequestId>
                      </ResponseMetadata>
                    </DescribeDBInstancesResponse>
                    """
                        .formatted(RDS_NS))));
    wireMock.stubFor(
        get(urlPathMatching("/2015-03-31/functions/?"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("x-amzn-RequestId", "7d1c0b9a-0000-4000-8000-000000000005")
                    .withBody(
                        """
                        {"Functions":[{"FunctionName":"nightly-report",\
                        "FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:nightly-report",\
                        "Runtime":"python3.12","Role":"arn:aws:iam::123456789012:role/report",\
                        "Handler":"app.handler","CodeSize":2048,"Timeout":30,"MemorySize":512,\
                        "LastModified":"2024-05-01T10:00:00.000+0000","Version":"$LATEST",\
                        "PackageType":"Zip","Architectures":["x86_64"]}],"NextMarker":null}
                        """)));
    wireMock.stubFor(
        queryAction("DescribeLoadBalancers")
            .willReturn(
                xml(
                    """
                    <DescribeLoadBalancersResponse xmlns="%s">
                      <DescribeLoadBalancersResult>
                        <LoadBalancers>
                          <member>
                            <LoadBalancerArn>arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-alb/50dc6c495c0c9188</LoadBalancerArn>
                            <Scheme>internet-facing</Scheme>
                            <LoadBalancerName>web-alb</LoadBalancerName>
                            <VpcId>vpc-3ac0fb5f</VpcId>
                            <CanonicalHostedZoneId>Z2P70J7EXAMPLE</CanonicalHostedZoneId>
                            <CreatedTime>2023-05-01T00:00:00.000Z</CreatedTime>
                            <DNSName>web-alb-424835706.us-east-1.elb.amazonaws.com</DNSName>
                            <State><Code>active</Code></State>
                            <Type>application</Type>
                          </member>
                        </LoadBalancers>
                      </DescribeLoadBalancersResult>
                      <ResponseMetadata>
                        <RequestId>6861d4a2-0000-4000-8000-000000000006</RequestId>
                      </ResponseMetadata>
                    </DescribeLoadBalancersResponse>
                    """
                        .formatted(ELB_NS))));
    wireMock.stubFor(
        queryAction("DescribeTargetGroups")
            .withRequestBody(containing("LoadBalancerArn="))
            .willReturn(
                xml(
                    """
                    <DescribeTargetGroupsResponse xmlns="%s">
                      <DescribeTargetGroupsResult>
                        <TargetGroups>
                          <member>
                            <TargetGroupArn>arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-targets/73e2d6bc24d8a067</TargetGroupArn>
                            <TargetGroupName>web-targets</TargetGroupName>
                            <Protocol>HTTP</Protocol>
                            <Port>80</Port>
                            <VpcId>vpc-3ac0fb5f</VpcId>
                            <TargetType>instance</TargetType>
                            <LoadBalancerArns>
                              <member>arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-alb/50dc6c495c0c9188</member>
                            </LoadBalancerArns>
                          </member>
                        </TargetGroups>
                      </DescribeTargetGroupsResult>
                      <ResponseMetadata>
                        <RequestId>6861d4a2-0000-4000-8000-000000000007</RequestId>
                      </ResponseMetadata>
                    </DescribeTargetGroupsResponse>
                    """
                        .formatted(ELB_NS))));
    wireMock.stubFor(
        queryAction("DescribeTargetHealth")
            .withRequestBody(containing("TargetGroupArn="))
            .willReturn(
                xml(
                    """
                    <DescribeTargetHealthResponse xmlns="%s">
                      <DescribeTargetHealthResult>
                        <TargetHealthDescriptions>
                          <member>
                            <HealthCheckPort>80</HealthCheckPort>
                            <TargetHealth><State>healthy</State></TargetHealth>
                            <Target><Port>80</Port><Id>i-0a1b2c3d4e5f60001</Id></Target>
                          </member>
                          <member>
                            <HealthCheckPort>80</HealthCheckPort>
                            <TargetHealth><State>unused</State><Reason>Target.InvalidState</Reason></TargetHealth>
                            <Target><Port>80</Port><Id>i-0a1b2c3d4e5f60002</Id></Target>
                          </member>
                        </TargetHealthDescriptions>
                      </DescribeTargetHealthResult>
                      <ResponseMetadata>
                        <RequestId>6861d4a2-0000-4000-8000-000000000008</RequestId>
                      </ResponseMetadata>
                    </DescribeTargetHealthResponse>
                    """
                        .formatted(ELB_NS))));
    wireMock.stubFor(
        get(urlPathEqualTo("/"))
            .willReturn(
                xml(
                    """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <ListAllMyBucketsResult xmlns="%s">
                      <Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID><DisplayName>ops</DisplayName></Owner>
                      <Buckets>
                        <Bucket><Name>logs-bucket</Name><CreationDate>2022-02-01T00:00:00.000Z</CreationDate><BucketRegion>us-east-1</BucketRegion></Bucket>
                        <Bucket><Name>archive-bucket</Name><CreationDate>2021-07-04T12:00:00.000Z</CreationDate><BucketRegion>us-east-1</BucketRegion></Bucket>
                      </Buckets>
                    </ListAllMyBucketsResult>
                    """
                        .formatted(S3_NS))));
    wireMock.stubFor(
        get(urlPathEqualTo("/logs-bucket"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/xml")
                    .withHeader("x-amz-request-id", "4442587FB7D0A2F9")
                    .withBody(
                        """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <Error><Code>NoSuchLifecycleConfiguration</Code><Message>The lifecycle configuration does not exist</Message><BucketName>logs-bucket</BucketName><RequestId>4442587FB7D0A2F9</RequestId><HostId>h0stid</HostId></Error>
                        """)));
    wireMock.stubFor(
        get(urlPathEqualTo("/archive-bucket"))
            .willReturn(
                xml(
                    """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <LifecycleConfiguration xmlns="%s">
                      <Rule>
                        <ID>to-glacier</ID>
                        <Filter><Prefix></Prefix></Filter>
                        <Status>Enabled</Status>
                        <Transition><Days>30</Days><StorageClass>GLACIER</StorageClass></Transition>
                      </Rule>
                    </LifecycleConfiguration>
                    """
                        .formatted(S3_NS))));
  }

  private static MappingBuilder cloudWatch() {
    return post(urlPathMatching(".*/operation/GetMetricData"))
        .withHeader("smithy-protocol", containing("rpc-v2-cbor"));
  }

  private static String describeInstances(String nextToken, String... instances) {
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
                    %s
                    </instancesSet>
                </item>
            </reservationSet>
            %s
        </DescribeInstancesResponse>
        """
        .formatted(
            EC2_NS,
            String.join("\n", instances),
            nextToken == null ? "" : "<nextToken>" + nextToken + "</nextToken>");
  }

  private static String instance(String id, String type, String state) {
    int code = state.equals("running") ? 16 : 80;
    return """
        <item>
            <instanceId>%s</instanceId>
            <imageId>ami-0abcdef1234567890</imageId>
            <instanceState><code>%d</code><name>%s</name></instanceState>
            <privateDnsName>ip-10-0-0-12.ec2.internal</privateDnsName>
            <amiLaunchIndex>0</amiLaunchIndex>
            <instanceType>%s</instanceType>
            <launchTime>2024-03-01T10:00:00.000Z</launchTime>
            <placement><availabilityZone>us-east-1a</availabilityZone><groupName/><tenancy>default</tenancy></placement>
            <monitoring><state>disabled</state></monitoring>
            <subnetId>subnet-0123456789abcdef0</subnetId>
            <vpcId>vpc-0123456789abcdef0</vpcId>
            <privateIpAddress>10.0.0.12</privateIpAddress>
            <architecture>x86_64</architecture>
            <rootDeviceType>ebs</rootDeviceType>
            <rootDeviceName>/dev/xvda</rootDeviceName>
            <tagSet/>
        </item>
        """
        .formatted(id, code, state, type);
  }

  // ------------------------------------------------------------------ CloudWatch's CBOR

  private record Result(String id, List<Instant> timestamps, double[] values) {}

  private static Result result(String id, List<Instant> timestamps, double... values) {
    return new Result(id, timestamps, values);
  }

  private static List<Instant> hours(int... offsets) {
    return Arrays.stream(offsets).mapToObj(h -> FROM.plus(Duration.ofHours(h))).toList();
  }

  /** A GetMetricData answer in smithy-rpc-v2-cbor: timestamps are epoch seconds under tag 1. */
  private static byte[] metricData(String nextToken, Result... results) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeFieldName("MetricDataResults");
      g.writeStartArray();
      for (Result r : results) {
        g.writeStartObject();
        g.writeStringField("Id", r.id());
        g.writeStringField("Label", r.id());
        g.writeFieldName("Timestamps");
        g.writeStartArray();
        for (Instant t : r.timestamps()) {
          g.writeTag(1);
          g.writeNumber((double) t.getEpochSecond());
        }
        g.writeEndArray();
        g.writeFieldName("Values");
        g.writeStartArray();
        for (double v : r.values()) {
          g.writeNumber(v);
        }
        g.writeEndArray();
        g.writeStringField("StatusCode", "Complete");
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeFieldName("Messages");
      g.writeStartArray();
      g.writeEndArray();
      if (nextToken != null) {
        g.writeStringField("NextToken", nextToken);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder cbor(
      byte[] body) {
    return aResponse()
        .withStatus(200)
        .withHeader("smithy-protocol", "rpc-v2-cbor")
        .withHeader("Content-Type", "application/cbor")
        .withBody(body);
  }
}
