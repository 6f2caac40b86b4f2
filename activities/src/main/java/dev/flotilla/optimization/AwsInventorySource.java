package dev.flotilla.optimization;

import dev.flotilla.common.InvalidInputException;
import dev.flotilla.settings.FlotillaSettings;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Resources and metrics from the AWS APIs through aws-sdk-java-v2.
 *
 * <p><b>Clients</b> come from {@link AwsClients} (shared with the execution of approved actions):
 * one per service and region, credentials from the default chain or the {@link Config}, never
 * logged; an endpoint override points every client at an emulator, with path-style S3. Throttling
 * and transient errors are retried by the SDK's standard retry strategy with a bounded number of
 * attempts; what outlives it becomes an {@link ApplicationFailure} that Temporal's activity retry
 * policy retries again.
 *
 * <p><b>Failures.</b> Type {@value #ACCESS_DENIED} (non-retryable) when AWS refuses the call
 * (AccessDenied, UnauthorizedOperation, AuthFailure, InvalidClientTokenId...), {@value #THROTTLED}
 * (retryable) when throttling outlives the SDK's attempts, {@value #BAD_REQUEST} (non-retryable)
 * for an unknown region, a host that does not resolve or another 4xx, and {@value #UNAVAILABLE}
 * (retryable) for 5xx answers, refused connections and timeouts. Each message names the service,
 * the action and the region.
 *
 * <p><b>Paging.</b> The cursor is an opaque string holding the region's index in the scope, the
 * kind's index in {@link #KINDS}, the service's own NextToken or Marker, the page size asked of the
 * service and how many items of that service page were already returned. A retried activity attempt
 * that passes the last cursor it heartbeated resumes where the last page ended; the rest of a
 * service page is found by asking for the same token and size again. S3 buckets are global: they
 * are listed with the first region only.
 *
 * <p><b>What is read.</b> EC2 DescribeInstances, DescribeVolumes, DescribeSnapshots (owner self);
 * RDS DescribeDBInstances; Lambda ListFunctions; ELBv2 DescribeLoadBalancers, DescribeTargetGroups
 * and DescribeTargetHealth; S3 ListBuckets and GetBucketLifecycleConfiguration; CloudWatch
 * GetMetricData. Tags come with EC2 and RDS answers; Lambda functions, load balancers and buckets
 * are reported without tags (that would take one more call per resource).
 */
public final class AwsInventorySource implements InventorySource, AutoCloseable {

  public static final String ACCESS_DENIED = AwsClients.ACCESS_DENIED;
  public static final String THROTTLED = AwsClients.THROTTLED;
  public static final String BAD_REQUEST = AwsClients.BAD_REQUEST;
  public static final String UNAVAILABLE = AwsClients.UNAVAILABLE;

  /** The order in which kinds are scanned within a region; the cursor stores indexes into it. */
  static final List<ResourceKind> KINDS =
      List.of(
          ResourceKind.EC2_INSTANCE,
          ResourceKind.EBS_VOLUME,
          ResourceKind.EBS_SNAPSHOT,
          ResourceKind.RDS_INSTANCE,
          ResourceKind.LAMBDA_FUNCTION,
          ResourceKind.LOAD_BALANCER,
          ResourceKind.S3_BUCKET);

  static final int PERIOD_SECONDS = 3600;
  private static final DateTimeFormatter LAMBDA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  /**
   * How clients are built.
   *
   * @param endpoint an endpoint override (an emulator), or null for AWS's own endpoints
   * @param credentials a credentials provider, or null for the default provider chain
   * @param maxAttempts attempts per call, the first included, for the SDK's retry strategy
   * @param baseDelay the base of the SDK's exponential backoff with jitter, for throttling too
   * @param maxBackoff the longest backoff between two attempts
   */
  public record Config(
      URI endpoint,
      AwsCredentialsProvider credentials,
      int maxAttempts,
      Duration baseDelay,
      Duration maxBackoff) {

    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    public Config {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
      }
      baseDelay = baseDelay == null ? Duration.ofMillis(100) : baseDelay;
      maxBackoff = maxBackoff == null ? Duration.ofSeconds(20) : maxBackoff;
    }

    /** AWS's endpoints, the default credential chain, 5 attempts. */
    public static Config defaults() {
      return new Config(null, null, DEFAULT_MAX_ATTEMPTS, null, null);
    }

    /** From Flotilla's settings: the endpoint override, if any, with default credentials. */
    public static Config from(FlotillaSettings.Aws aws) {
      return new Config(endpointUri(aws.endpoint()), null, DEFAULT_MAX_ATTEMPTS, null, null);
    }
  }

  private final Config config;
  private final AwsClients aws;

  public AwsInventorySource(Config config) {
    this.config = config;
    this.aws = new AwsClients(config);
  }

  /** A source configured from Flotilla's settings, with the default credential chain. */
  public static AwsInventorySource fromSettings(FlotillaSettings.Aws aws) {
    return new AwsInventorySource(Config.from(aws));
  }

  static URI endpointUri(String endpoint) {
    if (endpoint == null || endpoint.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(endpoint.strip());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new URISyntaxException(endpoint, "needs a scheme and a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "aws.endpoint '" + endpoint + "' is not a URL like http://localhost:4566", BAD_REQUEST);
    }
  }

  // ---------------------------------------------------------------- inventory

  @Override
  public InventoryPage page(Scope scope, String cursor, int pageSize) {
    if (pageSize < 1) {
      throw new InvalidInputException("page size must be at least 1, was " + pageSize);
    }
    List<String> regions = scope.regions();
    Cursor at = cursor == null ? Cursor.START : Cursor.decode(cursor);
    List<Resource> resources = new ArrayList<>();
    at = skipNeedless(scope, at);
    while (at != null && resources.size() < pageSize) {
      String region = regions.get(at.region());
      ResourceKind kind = KINDS.get(at.kind());
      int want = pageSize - resources.size();
      int limit = at.skip() > 0 ? at.limit() : serviceLimit(kind, want);
      Chunk chunk = fetch(kind, scope, region, at.token(), limit);
      List<Resource> items = chunk.resources();
      int from = Math.min(at.skip(), items.size());
      int to = Math.min(items.size(), from + want);
      resources.addAll(items.subList(from, to));
      if (to < items.size()) {
        at = new Cursor(at.region(), at.kind(), at.token(), limit, to);
      } else if (chunk.nextToken() != null) {
        at = new Cursor(at.region(), at.kind(), chunk.nextToken(), 0, 0);
      } else {
        at = skipNeedless(scope, new Cursor(at.region(), at.kind() + 1, null, 0, 0));
      }
    }
    return new InventoryPage(resources, at == null ? null : at.encode());
  }

  /** Moves past kinds out of scope and S3 outside the first region; null past the last region. */
  private static Cursor skipNeedless(Scope scope, Cursor at) {
    int region = at.region();
    int kind = at.kind();
    while (region < scope.regions().size()) {
      if (kind >= KINDS.size()) {
        region++;
        kind = 0;
        continue;
      }
      ResourceKind k = KINDS.get(kind);
      boolean needed = scope.includes(k) && (k != ResourceKind.S3_BUCKET || region == 0);
      if (needed) {
        return kind == at.kind() && region == at.region()
            ? at
            : new Cursor(region, kind, null, 0, 0);
      }
      kind++;
    }
    return null;
  }

  /** The page size to ask a service for, within what the service accepts. */
  static int serviceLimit(ResourceKind kind, int want) {
    return switch (kind) {
      case EC2_INSTANCE, EBS_SNAPSHOT -> clamp(want, 5, 1000);
      case EBS_VOLUME -> clamp(want, 5, 500);
      case RDS_INSTANCE -> clamp(want, 20, 100);
      case LAMBDA_FUNCTION -> clamp(want, 1, 50);
      case LOAD_BALANCER -> clamp(want, 1, 400);
      case S3_BUCKET -> clamp(want, 1, 1000);
    };
  }

  private static int clamp(int value, int low, int high) {
    return Math.max(low, Math.min(high, value));
  }

  private record Chunk(List<Resource> resources, String nextToken) {}

  private Chunk fetch(ResourceKind kind, Scope scope, String region, String token, int limit) {
    String account = scope.account();
    return switch (kind) {
      case EC2_INSTANCE -> instances(account, region, token, limit);
      case EBS_VOLUME -> volumes(account, region, token, limit);
      case EBS_SNAPSHOT -> snapshots(account, region, token, limit);
      case RDS_INSTANCE -> databases(account, region, token, limit);
      case LAMBDA_FUNCTION -> functions(account, region, token, limit);
      case LOAD_BALANCER -> loadBalancers(account, region, token, limit);
      case S3_BUCKET -> buckets(account, region, token, limit);
    };
  }

  private Chunk instances(String account, String region, String token, int limit) {
    Ec2Client ec2 = client("ec2", region, Ec2Client.builder(), Function.identity());
    DescribeInstancesResponse response =
        call(
            "ec2",
            "DescribeInstances",
            region,
            () -> ec2.describeInstances(r -> r.maxResults(limit).nextToken(token)));
    List<Resource> resources = new ArrayList<>();
    for (Reservation reservation : response.reservations()) {
      for (Instance instance : reservation.instances()) {
        Map<String, String> attributes = new TreeMap<>();
        if (instance.placement() != null && instance.placement().availabilityZone() != null) {
          attributes.put("availabilityZone", instance.placement().availabilityZone());
        }
        attributes.put(
            "platform",
            instance.platformAsString() == null ? "linux" : instance.platformAsString());
        if (instance.instanceLifecycleAsString() != null) {
          attributes.put("instanceLifecycle", instance.instanceLifecycleAsString());
        }
        resources.add(
            new Resource(
                instance.instanceId(),
                ResourceKind.EC2_INSTANCE,
                account,
                region,
                instance.instanceTypeAsString(),
                instance.state() == null ? null : instance.state().nameAsString(),
                instance.launchTime(),
                ec2Tags(instance.tags()),
                attributes,
                List.of()));
      }
    }
    return new Chunk(resources, emptyToNull(response.nextToken()));
  }

  private Chunk volumes(String account, String region, String token, int limit) {
    Ec2Client ec2 = client("ec2", region, Ec2Client.builder(), Function.identity());
    DescribeVolumesResponse response =
        call(
            "ec2",
            "DescribeVolumes",
            region,
            () -> ec2.describeVolumes(r -> r.maxResults(limit).nextToken(token)));
    List<Resource> resources = new ArrayList<>();
    for (Volume volume : response.volumes()) {
      Map<String, String> attributes = new TreeMap<>();
      List<String> dependsOn = new ArrayList<>();
      for (VolumeAttachment attachment : volume.attachments()) {
        if (attachment.instanceId() != null) {
          dependsOn.add(attachment.instanceId());
        }
      }
      if (!dependsOn.isEmpty()) {
        attributes.put("attachedTo", dependsOn.get(0));
      }
      if (volume.iops() != null && "io1|io2".contains(volume.volumeTypeAsString())) {
        attributes.put("iops", volume.iops().toString());
      }
      if (volume.availabilityZone() != null) {
        attributes.put("availabilityZone", volume.availabilityZone());
      }
      resources.add(
          new Resource(
              volume.volumeId(),
              ResourceKind.EBS_VOLUME,
              account,
              region,
              volume.volumeTypeAsString() + ":" + volume.size(),
              volume.stateAsString(),
              volume.createTime(),
              ec2Tags(volume.tags()),
              attributes,
              dependsOn));
    }
    return new Chunk(resources, emptyToNull(response.nextToken()));
  }

  private Chunk snapshots(String account, String region, String token, int limit) {
    Ec2Client ec2 = client("ec2", region, Ec2Client.builder(), Function.identity());
    DescribeSnapshotsResponse response =
        call(
            "ec2",
            "DescribeSnapshots",
            region,
            () ->
                ec2.describeSnapshots(r -> r.ownerIds("self").maxResults(limit).nextToken(token)));
    List<Resource> resources = new ArrayList<>();
    for (Snapshot snapshot : response.snapshots()) {
      Map<String, String> attributes = new TreeMap<>();
      if (snapshot.volumeId() != null) {
        attributes.put("sourceVolumeId", snapshot.volumeId());
      }
      // The API gives no stored (incremental) size; the source volume's size is an upper bound.
      if (snapshot.volumeSize() != null) {
        attributes.put("storedGb", snapshot.volumeSize().toString());
      }
      if (snapshot.storageTierAsString() != null) {
        attributes.put("storageTier", snapshot.storageTierAsString());
      }
      resources.add(
          new Resource(
              snapshot.snapshotId(),
              ResourceKind.EBS_SNAPSHOT,
              account,
              region,
              snapshot.volumeSize() == null ? null : snapshot.volumeSize().toString(),
              snapshot.stateAsString(),
              snapshot.startTime(),
              ec2Tags(snapshot.tags()),
              attributes,
              List.of()));
    }
    return new Chunk(resources, emptyToNull(response.nextToken()));
  }

  private Chunk databases(String account, String region, String token, int limit) {
    RdsClient rds = client("rds", region, RdsClient.builder(), Function.identity());
    DescribeDbInstancesResponse response =
        call(
            "rds",
            "DescribeDBInstances",
            region,
            () -> rds.describeDBInstances(r -> r.maxRecords(limit).marker(token)));
    List<Resource> resources = new ArrayList<>();
    for (DBInstance db : response.dbInstances()) {
      Map<String, String> attributes = new TreeMap<>();
      if (db.engine() != null) {
        attributes.put("engine", db.engine());
      }
      if (db.allocatedStorage() != null) {
        attributes.put("allocatedGb", db.allocatedStorage().toString());
      }
      if (db.multiAZ() != null) {
        attributes.put("multiAz", db.multiAZ().toString());
      }
      Integer maxConnections = RdsMaxConnections.estimate(db.dbInstanceClass());
      if (maxConnections != null) {
        attributes.put("maxConnections", maxConnections.toString());
      }
      List<String> dependsOn = List.of();
      String source = db.readReplicaSourceDBInstanceIdentifier();
      if (source != null && !source.isBlank()) {
        // A cross-region replica names its primary by ARN (arn:aws:rds:region:account:db:name).
        String primary = source.substring(source.lastIndexOf(':') + 1);
        attributes.put("replicaOf", primary);
        dependsOn = List.of(primary);
      }
      Map<String, String> tags = new TreeMap<>();
      db.tagList().forEach(t -> tags.put(t.key(), t.value()));
      resources.add(
          new Resource(
              db.dbInstanceIdentifier(),
              ResourceKind.RDS_INSTANCE,
              account,
              region,
              db.dbInstanceClass(),
              db.dbInstanceStatus(),
              db.instanceCreateTime(),
              tags,
              attributes,
              dependsOn));
    }
    return new Chunk(resources, emptyToNull(response.marker()));
  }

  private Chunk functions(String account, String region, String token, int limit) {
    LambdaClient lambda = client("lambda", region, LambdaClient.builder(), Function.identity());
    ListFunctionsResponse response =
        call(
            "lambda",
            "ListFunctions",
            region,
            () -> lambda.listFunctions(r -> r.maxItems(limit).marker(token)));
    List<Resource> resources = new ArrayList<>();
    for (FunctionConfiguration function : response.functions()) {
      Map<String, String> attributes = new TreeMap<>();
      if (function.runtimeAsString() != null) {
        attributes.put("runtime", function.runtimeAsString());
      }
      if (function.functionArn() != null) {
        attributes.put("arn", function.functionArn());
      }
      // ListFunctions gives no creation time: the last modification is the closest it has.
      resources.add(
          new Resource(
              function.functionName(),
              ResourceKind.LAMBDA_FUNCTION,
              account,
              region,
              function.memorySize() == null ? null : function.memorySize().toString(),
              function.stateAsString() == null ? "Active" : function.stateAsString(),
              lambdaTime(function.lastModified()),
              Map.of(),
              attributes,
              List.of()));
    }
    return new Chunk(resources, emptyToNull(response.nextMarker()));
  }

  static Instant lambdaTime(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text, LAMBDA_TIME).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  private Chunk loadBalancers(String account, String region, String token, int limit) {
    ElasticLoadBalancingV2Client elb =
        client("elbv2", region, ElasticLoadBalancingV2Client.builder(), Function.identity());
    DescribeLoadBalancersResponse response =
        call(
            "elasticloadbalancing",
            "DescribeLoadBalancers",
            region,
            () -> elb.describeLoadBalancers(r -> r.pageSize(limit).marker(token)));
    List<Resource> resources = new ArrayList<>();
    for (LoadBalancer lb : response.loadBalancers()) {
      Set<String> targets = new LinkedHashSet<>();
      String marker = null;
      do {
        String groupsMarker = marker;
        DescribeTargetGroupsResponse groups =
            call(
                "elasticloadbalancing",
                "DescribeTargetGroups",
                region,
                () ->
                    elb.describeTargetGroups(
                        r -> r.loadBalancerArn(lb.loadBalancerArn()).marker(groupsMarker)));
        for (TargetGroup group : groups.targetGroups()) {
          List<TargetHealthDescription> health =
              call(
                      "elasticloadbalancing",
                      "DescribeTargetHealth",
                      region,
                      () -> elb.describeTargetHealth(r -> r.targetGroupArn(group.targetGroupArn())))
                  .targetHealthDescriptions();
          for (TargetHealthDescription description : health) {
            String id = description.target() == null ? null : description.target().id();
            // Instance targets only; IP and Lambda targets are not resources of this inventory.
            if (id != null && id.startsWith("i-")) {
              targets.add(id);
            }
          }
        }
        marker = emptyToNull(groups.nextMarker());
      } while (marker != null);
      Map<String, String> attributes = new TreeMap<>();
      attributes.put("arn", lb.loadBalancerArn());
      if (lb.typeAsString() != null) {
        attributes.put("type", lb.typeAsString());
      }
      if (lb.schemeAsString() != null) {
        attributes.put("scheme", lb.schemeAsString());
      }
      resources.add(
          new Resource(
              loadBalancerId(lb.loadBalancerArn()),
              ResourceKind.LOAD_BALANCER,
              account,
              region,
              null,
              lb.state() == null ? null : lb.state().codeAsString(),
              lb.createdTime(),
              Map.of(),
              attributes,
              List.copyOf(targets)));
    }
    return new Chunk(resources, emptyToNull(response.nextMarker()));
  }

  /**
   * A load balancer's id: the part of its ARN after {@code loadbalancer/} ({@code
   * app/name/50dc6c495c0c9188}), which is also CloudWatch's {@code LoadBalancer} dimension.
   */
  static String loadBalancerId(String arn) {
    int at = arn.indexOf(":loadbalancer/");
    return at < 0 ? arn : arn.substring(at + ":loadbalancer/".length());
  }

  private Chunk buckets(String account, String region, String token, int limit) {
    S3Client s3 =
        client(
            "s3",
            region,
            S3Client.builder(),
            b -> b.forcePathStyle(config.endpoint() != null).crossRegionAccessEnabled(true));
    ListBucketsResponse response =
        call(
            "s3",
            "ListBuckets",
            region,
            () -> s3.listBuckets(r -> r.maxBuckets(limit).continuationToken(token)));
    List<Resource> resources = new ArrayList<>();
    for (Bucket bucket : response.buckets()) {
      String lifecycle;
      try {
        lifecycle =
            call(
                        "s3",
                        "GetBucketLifecycleConfiguration",
                        region,
                        () -> s3.getBucketLifecycleConfiguration(r -> r.bucket(bucket.name())))
                    .rules()
                    .isEmpty()
                ? "none"
                : "configured";
      } catch (NoLifecycle e) {
        lifecycle = "none";
      }
      Map<String, String> attributes = new TreeMap<>();
      attributes.put("lifecycle", lifecycle);
      resources.add(
          new Resource(
              bucket.name(),
              ResourceKind.S3_BUCKET,
              account,
              bucket.bucketRegion() == null ? region : bucket.bucketRegion(),
              null,
              "available",
              bucket.creationDate(),
              Map.of(),
              attributes,
              List.of()));
    }
    return new Chunk(resources, emptyToNull(response.continuationToken()));
  }

  private static Map<String, String> ec2Tags(
      List<software.amazon.awssdk.services.ec2.model.Tag> tags) {
    Map<String, String> map = new TreeMap<>();
    for (var tag : tags) {
      map.put(tag.key(), tag.value() == null ? "" : tag.value());
    }
    return map;
  }

  private static String emptyToNull(String token) {
    return token == null || token.isEmpty() ? null : token;
  }

  // ---------------------------------------------------------------- metrics

  /** One CloudWatch metric asked for a kind of resource. */
  private record MetricSpec(
      String namespace, String name, String dimension, String stat, boolean countWithZeros) {}

  private static List<MetricSpec> specs(ResourceKind kind) {
    return switch (kind) {
      case EC2_INSTANCE ->
          List.of(
              new MetricSpec(
                  "AWS/EC2", MetricSeries.CPU_UTILIZATION, "InstanceId", "Average", false),
              new MetricSpec("AWS/EC2", MetricSeries.NETWORK_IN, "InstanceId", "Sum", false));
      // Maximum connections per hour: one busy minute is enough to show a database is in use.
      case RDS_INSTANCE ->
          List.of(
              new MetricSpec(
                  "AWS/RDS",
                  MetricSeries.CPU_UTILIZATION,
                  "DBInstanceIdentifier",
                  "Average",
                  false),
              new MetricSpec(
                  "AWS/RDS",
                  MetricSeries.DATABASE_CONNECTIONS,
                  "DBInstanceIdentifier",
                  "Maximum",
                  false));
      case LAMBDA_FUNCTION ->
          List.of(
              new MetricSpec("AWS/Lambda", MetricSeries.INVOCATIONS, "FunctionName", "Sum", true));
      case LOAD_BALANCER ->
          List.of(
              new MetricSpec(
                  "AWS/ApplicationELB", MetricSeries.REQUEST_COUNT, "LoadBalancer", "Sum", true));
      default -> List.of();
    };
  }

  /**
   * The resource's hourly series over {@code [from, to)}, one GetMetricData query per metric:
   * CPUUtilization and NetworkIn for instances, CPUUtilization and DatabaseConnections for
   * databases, Invocations for functions, RequestCount for application load balancers; none for
   * other kinds (network load balancers have no RequestCount). Sample {@code i} covers {@code from
   * + i hours}; an hour without a datapoint is null, except for Invocations and RequestCount, where
   * CloudWatch leaves out hours with no calls, so they are 0.
   */
  @Override
  public List<MetricSeries> metrics(Resource resource, Instant from, Instant to) {
    List<MetricSpec> specs = specs(resource.kind());
    if (resource.kind() == ResourceKind.LOAD_BALANCER
        && resource.attribute("type") != null
        && !"application".equals(resource.attribute("type"))) {
      specs = List.of();
    }
    if (specs.isEmpty() || !to.isAfter(from)) {
      return List.of();
    }
    int points =
        (int) ((Duration.between(from, to).getSeconds() + PERIOD_SECONDS - 1) / PERIOD_SECONDS);
    List<MetricDataQuery> queries = new ArrayList<>();
    Map<String, Double[]> valuesById = new LinkedHashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      MetricSpec spec = specs.get(i);
      String id = "m" + i;
      queries.add(
          MetricDataQuery.builder()
              .id(id)
              .returnData(true)
              .metricStat(
                  MetricStat.builder()
                      .metric(
                          Metric.builder()
                              .namespace(spec.namespace())
                              .metricName(spec.name())
                              .dimensions(
                                  Dimension.builder()
                                      .name(spec.dimension())
                                      .value(resource.id())
                                      .build())
                              .build())
                      .period(PERIOD_SECONDS)
                      .stat(spec.stat())
                      .build())
              .build());
      Double[] values = new Double[points];
      if (spec.countWithZeros()) {
        java.util.Arrays.fill(values, 0.0);
      }
      valuesById.put(id, values);
    }
    String region = resource.region();
    CloudWatchClient cloudWatch =
        client("monitoring", region, CloudWatchClient.builder(), Function.identity());
    String token = null;
    do {
      String pageToken = token;
      GetMetricDataResponse response =
          call(
              "cloudwatch",
              "GetMetricData",
              region,
              () ->
                  cloudWatch.getMetricData(
                      GetMetricDataRequest.builder()
                          .startTime(from)
                          .endTime(to)
                          .metricDataQueries(queries)
                          .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                          .nextToken(pageToken)
                          .build()));
      for (MetricDataResult result : response.metricDataResults()) {
        Double[] values = valuesById.get(result.id());
        if (values == null) {
          continue;
        }
        List<Instant> timestamps = result.timestamps();
        List<Double> samples = result.values();
        for (int i = 0; i < Math.min(timestamps.size(), samples.size()); i++) {
          long offset = Duration.between(from, timestamps.get(i)).getSeconds();
          if (offset < 0) {
            continue;
          }
          int index = (int) (offset / PERIOD_SECONDS);
          if (index < points) {
            values[index] = samples.get(i);
          }
        }
      }
      token = emptyToNull(response.nextToken());
    } while (token != null);

    List<MetricSeries> series = new ArrayList<>(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      series.add(
          new MetricSeries(
              resource.id(),
              specs.get(i).name(),
              from,
              PERIOD_SECONDS,
              java.util.Arrays.asList(valuesById.get("m" + i))));
    }
    return series;
  }

  // ---------------------------------------------------------------- clients and failures

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends AutoCloseable>
      C client(String service, String region, B builder, Function<B, B> customize) {
    return aws.client(service, region, builder, customize);
  }

  /** Thrown inside {@link #call} for S3's "no lifecycle configuration", which is an answer. */
  private static final class NoLifecycle extends RuntimeException {
    NoLifecycle() {
      super(null, null, false, false);
    }
  }

  private static <T> T call(String service, String action, String region, Supplier<T> call) {
    try {
      return call.get();
    } catch (S3Exception e) {
      if (e.awsErrorDetails() != null
          && "NoSuchLifecycleConfiguration".equals(e.awsErrorDetails().errorCode())) {
        throw new NoLifecycle();
      }
      throw failure(service, action, region, e);
    } catch (SdkException e) {
      throw failure(service, action, region, e);
    }
  }

  /** The Temporal failure for an SDK exception; see {@link AwsClients#failure}. */
  static ApplicationFailure failure(String service, String action, String region, SdkException e) {
    return AwsClients.failure(service, action, region, e);
  }

  @Override
  public void close() {
    aws.close();
  }

  // ---------------------------------------------------------------- cursor

  /**
   * Where a scan stands.
   *
   * @param region index into the scope's regions
   * @param kind index into {@link #KINDS}
   * @param token the service's NextToken or Marker for the page to fetch, null for its first
   * @param limit the page size asked of the service for that page (kept when {@code skip > 0})
   * @param skip how many items of that service page earlier pages already returned
   */
  record Cursor(int region, int kind, String token, int limit, int skip) {
    static final Cursor START = new Cursor(0, 0, null, 0, 0);
    private static final String VERSION = "aws1";

    String encode() {
      String raw =
          String.join(
              "|",
              VERSION,
              Integer.toString(region),
              Integer.toString(kind),
              Integer.toString(limit),
              Integer.toString(skip),
              token == null ? "" : token);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String cursor) {
      try {
        String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        String[] parts = raw.split("\\|", 6);
        if (parts.length != 6 || !parts[0].equals(VERSION)) {
          throw new IllegalArgumentException("not an AWS inventory cursor");
        }
        Cursor decoded =
            new Cursor(
                Integer.parseInt(parts[1]),
                Integer.parseInt(parts[2]),
                parts[5].isEmpty() ? null : parts[5],
                Integer.parseInt(parts[3]),
                Integer.parseInt(parts[4]));
        if (decoded.region() < 0
            || decoded.kind() < 0
            || decoded.kind() > KINDS.size()
            || decoded.limit() < 0
            || decoded.skip() < 0) {
          throw new IllegalArgumentException("out of range");
        }
        return decoded;
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(
            "cursor '" + cursor + "' is not one this AWS inventory source returned");
      }
    }
  }
}
