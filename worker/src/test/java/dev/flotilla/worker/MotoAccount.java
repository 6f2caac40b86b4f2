package dev.flotilla.worker;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.VolumeType;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;

/**
 * An AWS account in moto's server mode (a real emulator of the AWS APIs, run by the real-server
 * lane), filled through the AWS SDK as an operator's account would be: instances idle and busy,
 * unattached volumes, a database nobody connects to, a load balancer without traffic, buckets with
 * and without a lifecycle, and two weeks of hourly CloudWatch metrics.
 */
final class MotoAccount {
  /** moto's default account. */
  static final String ACCOUNT = "123456789012";

  /** The scope key of a cycle over this account; other lane tests use us-east-1. */
  static final String SCOPE_KEY = "aws:" + ACCOUNT + "/us-west-2/all";

  static final Region REGION = Region.US_WEST_2;
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  /** What {@link #populate} made, so a test can say what the cycle must find. */
  record Created(
      int idleInstances,
      int busyInstances,
      int unattachedVolumes,
      int databases,
      int loadBalancers,
      int bucketsWithoutLifecycle,
      int bucketsWithLifecycle) {
    int total() {
      return idleInstances
          + busyInstances
          + unattachedVolumes
          + databases
          + loadBalancers
          + bucketsWithoutLifecycle
          + bucketsWithLifecycle;
    }
  }

  private MotoAccount() {}

  /** moto's URL when the lane runs one ({@code -Dflotilla.motoEndpoint} from MOTO_ENDPOINT). */
  static Optional<String> endpoint() {
    String endpoint = System.getProperty("flotilla.motoEndpoint", "").strip();
    if (endpoint.isEmpty() || endpoint.startsWith("${")) {
      return Optional.empty();
    }
    // The worker's scanner uses the default credential chain; moto takes any key.
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    System.setProperty("aws.region", REGION.id());
    return Optional.of(endpoint);
  }

  static Created populate(String endpoint) {
    URI uri = URI.create(endpoint);
    // The lane may run twice against one moto server: start from an empty account.
    reset(uri);
    try (SdkHttpClient http = UrlConnectionHttpClient.create();
        Ec2Client ec2 = configure(Ec2Client.builder(), uri, http).build();
        RdsClient rds = configure(RdsClient.builder(), uri, http).build();
        ElasticLoadBalancingV2Client elb =
            configure(ElasticLoadBalancingV2Client.builder(), uri, http).build();
        S3Client s3 = configure(S3Client.builder(), uri, http).forcePathStyle(true).build();
        CloudWatchClient cloudWatch = configure(CloudWatchClient.builder(), uri, http).build()) {
      String image = ec2.describeImages(r -> r.owners("amazon")).images().get(0).imageId();
      List<String> idle = runInstances(ec2, image, InstanceType.M5_XLARGE, "idle", 2);
      List<String> busy = runInstances(ec2, image, InstanceType.C5_LARGE, "busy", 1);
      for (int i = 0; i < 2; i++) {
        ec2.createVolume(
            r -> r.availabilityZone(REGION.id() + "a").size(100).volumeType(VolumeType.GP3));
      }
      rds.createDBInstance(
          r ->
              r.dbInstanceIdentifier("reports-db")
                  .dbInstanceClass("db.m5.large")
                  .engine("postgres")
                  .allocatedStorage(100)
                  .masterUsername("admin")
                  .masterUserPassword("not-a-secret-emulator-only"));
      List<String> subnets =
          ec2.describeSubnets().subnets().stream().map(Subnet::subnetId).limit(2).toList();
      // A load balancer still forwarding to an idle instance, with no requests for two weeks.
      String vpc = ec2.describeSubnets().subnets().get(0).vpcId();
      String lb =
          elb.createLoadBalancer(r -> r.name("legacy-alb").subnets(subnets))
              .loadBalancers()
              .get(0)
              .loadBalancerArn();
      String group =
          elb.createTargetGroup(
                  r ->
                      r.name("legacy-web")
                          .protocol("HTTP")
                          .port(80)
                          .vpcId(vpc)
                          .targetType("instance"))
              .targetGroups()
              .get(0)
              .targetGroupArn();
      elb.registerTargets(r -> r.targetGroupArn(group).targets(t -> t.id(idle.get(0)).port(80)));
      elb.createListener(
          r ->
              r.loadBalancerArn(lb)
                  .protocol("HTTP")
                  .port(80)
                  .defaultActions(a -> a.type("forward").targetGroupArn(group)));
      for (String bucket : List.of("lane-logs-raw", "lane-exports")) {
        s3.createBucket(r -> r.bucket(bucket));
      }
      s3.createBucket(r -> r.bucket("lane-archive"));
      s3.putBucketLifecycleConfiguration(
          r ->
              r.bucket("lane-archive")
                  .lifecycleConfiguration(
                      BucketLifecycleConfiguration.builder()
                          .rules(
                              LifecycleRule.builder()
                                  .id("expire")
                                  .status(ExpirationStatus.ENABLED)
                                  .filter(LifecycleRuleFilter.builder().prefix("").build())
                                  .expiration(LifecycleExpiration.builder().days(30).build())
                                  .build())
                          .build()));

      Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
      for (String id : idle) {
        hourly(cloudWatch, "AWS/EC2", "CPUUtilization", "InstanceId", id, end, 0.8);
        hourly(cloudWatch, "AWS/EC2", "NetworkIn", "InstanceId", id, end, 1200.0);
      }
      for (String id : busy) {
        hourly(cloudWatch, "AWS/EC2", "CPUUtilization", "InstanceId", id, end, 72.0);
        hourly(cloudWatch, "AWS/EC2", "NetworkIn", "InstanceId", id, end, 9.0e8);
      }
      hourly(
          cloudWatch, "AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", "reports-db", end, 1.5);
      hourly(
          cloudWatch,
          "AWS/RDS",
          "DatabaseConnections",
          "DBInstanceIdentifier",
          "reports-db",
          end,
          0);
      return new Created(idle.size(), busy.size(), 2, 1, 1, 2, 1);
    }
  }

  private static <
          B extends
              software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>
                  & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, ?>>
      B configure(B builder, URI endpoint, SdkHttpClient http) {
    return builder
        .endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(CREDENTIALS)
        .httpClient(http)
        .overrideConfiguration(
            ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(30)).build());
  }

  private static List<String> runInstances(
      Ec2Client ec2, String image, InstanceType type, String name, int count) {
    return ec2
        .runInstances(
            r ->
                r.imageId(image)
                    .instanceType(type)
                    .minCount(count)
                    .maxCount(count)
                    .tagSpecifications(
                        t -> t.resourceType("instance").tags(tag -> tag.key("Name").value(name))))
        .instances()
        .stream()
        .map(instance -> instance.instanceId())
        .toList();
  }

  /** Two weeks of hourly datapoints, as CloudWatch would hold them. */
  private static void hourly(
      CloudWatchClient cloudWatch,
      String namespace,
      String metric,
      String dimension,
      String value,
      Instant end,
      double level) {
    List<MetricDatum> data = new ArrayList<>();
    for (int hour = 1; hour <= 14 * 24; hour++) {
      data.add(
          MetricDatum.builder()
              .metricName(metric)
              .dimensions(Dimension.builder().name(dimension).value(value).build())
              .timestamp(end.minus(Duration.ofHours(hour)).plusSeconds(60))
              .value(level)
              .unit(metric.equals("CPUUtilization") ? StandardUnit.PERCENT : StandardUnit.NONE)
              .build());
      if (data.size() == 500) {
        List<MetricDatum> page = List.copyOf(data);
        cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(page));
        data.clear();
      }
    }
    if (!data.isEmpty()) {
      cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(data));
    }
  }

  private static void reset(URI endpoint) {
    try {
      var http = java.net.http.HttpClient.newHttpClient();
      http.send(
          java.net.http.HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
              .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
              .build(),
          java.net.http.HttpResponse.BodyHandlers.discarding());
    } catch (Exception e) {
      throw new IllegalStateException("cannot reset moto at " + endpoint + ": " + e, e);
    }
  }
}
