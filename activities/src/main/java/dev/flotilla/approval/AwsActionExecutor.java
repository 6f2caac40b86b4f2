package dev.flotilla.approval;

import dev.flotilla.optimization.AwsClients;
import dev.flotilla.optimization.AwsInventorySource;
import dev.flotilla.optimization.CycleStore.PlannedAction;
import dev.flotilla.optimization.Recommendation;
import dev.flotilla.optimization.ResourceKind;
import dev.flotilla.settings.FlotillaSettings;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.Transition;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/**
 * Carries out approved recommendations against AWS with the SDK v2, through the same {@link
 * AwsClients} as the inventory (credentials, endpoint override, retry strategy, failure mapping).
 *
 * <p>Every action is safe to repeat: each first looks at the resource or uses a call AWS makes
 * idempotent, and an answer that the resource is already in the wanted state, or already gone after
 * a delete, counts as done. What each action does:
 *
 * <ul>
 *   <li>EC2 STOP_INSTANCE: StopInstances. TERMINATE_INSTANCE: TerminateInstances.
 *   <li>EC2 RIGHTSIZE: StopInstances, wait until stopped, ModifyInstanceAttribute (instance type),
 *       then StartInstances only if the instance was running or pending when the action first saw
 *       it (remembered across attempts, so a retry after the stop still starts it again). The
 *       instance is down between the stop and the start; that is what its approver approved.
 *   <li>RDS STOP_INSTANCE: StopDBInstance. TERMINATE_INSTANCE (a read replica): DeleteDBInstance,
 *       skipping the final snapshot (replicas have none of their own). RIGHTSIZE: ModifyDBInstance
 *       with the new class, applied immediately (RDS does the failover or restart itself).
 *   <li>DELETE_VOLUME: DeleteVolume. DELETE_SNAPSHOT: DeleteSnapshot.
 *   <li>ADD_S3_LIFECYCLE_RULE: reads the bucket's lifecycle rules and writes them back with rule
 *       {@value #LIFECYCLE_RULE_ID} added (objects to STANDARD_IA after the proposed age), so rules
 *       added since the inventory are kept; a bucket that already has that rule is left alone.
 *   <li>DELETE_LOAD_BALANCER: DeleteLoadBalancer by ARN. DELETE_FUNCTION: DeleteFunction.
 * </ul>
 *
 * <p>Failures are {@link AwsClients#failure}'s: AccessDenied and a call AWS rejects (wrong state,
 * bad input) are non-retryable, throttling and 5xx answers retryable.
 */
public final class AwsActionExecutor implements ActionExecutor, AutoCloseable {

  /** The id of the lifecycle rule Flotilla adds; finding it means the action was done. */
  public static final String LIFECYCLE_RULE_ID = "flotilla-standard-ia";

  /** The failure type of an instance that did not reach the state waited for in time. */
  public static final String STATE_WAIT_TIMED_OUT = "AwsStateWaitTimedOut";

  /** S3 moves objects to STANDARD_IA no sooner than 30 days after creation. */
  static final int MIN_IA_DAYS = 30;

  private static final Pattern DAYS = Pattern.compile("(\\d+) days");
  private static final Set<String> INSTANCE_GONE = Set.of("InvalidInstanceID.NotFound");
  private static final Set<String> DB_GONE =
      Set.of("DBInstanceNotFound", "DBInstanceNotFoundFault");

  /**
   * How long to wait on AWS.
   *
   * @param pollInterval between two looks at an instance being stopped
   * @param maxWait how long a stop may take before the attempt fails (and Temporal retries it)
   */
  public record Waits(Duration pollInterval, Duration maxWait) {
    public static Waits defaults() {
      return new Waits(Duration.ofSeconds(5), Duration.ofMinutes(15));
    }
  }

  private final AwsClients aws;
  private final Waits waits;

  public AwsActionExecutor(AwsInventorySource.Config config, Waits waits) {
    this.aws = new AwsClients(config);
    this.waits = waits;
  }

  /** An executor configured from Flotilla's settings, with the default credential chain. */
  public static AwsActionExecutor fromSettings(FlotillaSettings.Aws settings) {
    return new AwsActionExecutor(AwsInventorySource.Config.from(settings), Waits.defaults());
  }

  @Override
  public String execute(PlannedAction action, Progress progress) {
    Recommendation r = action.recommendation();
    String region = action.region();
    if (region == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          r.action() + " " + r.resourceId() + ": the cycle stored no region for it",
          AwsClients.BAD_REQUEST);
    }
    String done =
        switch (r.action()) {
          case STOP_INSTANCE ->
              r.kind() == ResourceKind.RDS_INSTANCE
                  ? stopDatabase(r.resourceId(), region)
                  : stopInstance(r.resourceId(), region);
          case TERMINATE_INSTANCE ->
              r.kind() == ResourceKind.RDS_INSTANCE
                  ? deleteReplica(r.resourceId(), region)
                  : terminateInstance(r.resourceId(), region);
          case RIGHTSIZE ->
              r.kind() == ResourceKind.RDS_INSTANCE
                  ? resizeDatabase(r.resourceId(), r.proposedSize(), region)
                  : resizeInstance(r.resourceId(), r.proposedSize(), region, progress);
          case DELETE_VOLUME -> deleteVolume(r.resourceId(), region);
          case DELETE_SNAPSHOT -> deleteSnapshot(r.resourceId(), region);
          case ADD_S3_LIFECYCLE_RULE -> addLifecycleRule(r.resourceId(), r.proposedSize(), region);
          case DELETE_LOAD_BALANCER -> deleteLoadBalancer(r.resourceId(), action, region);
          case DELETE_FUNCTION -> deleteFunction(r.resourceId(), region);
        };
    return String.format(
        Locale.ROOT,
        "%s %s (%s): %s; saves $%.2f/month",
        r.action(),
        r.resourceId(),
        region,
        done,
        r.estimatedMonthlySavingsUsd());
  }

  // ---------------------------------------------------------------- EC2

  private Ec2Client ec2(String region) {
    return aws.client("ec2", region, Ec2Client.builder(), Function.identity());
  }

  private String stopInstance(String id, String region) {
    Ec2Client ec2 = ec2(region);
    Optional<?> stopped =
        call(
            "ec2",
            "StopInstances",
            region,
            INSTANCE_GONE,
            () -> ec2.stopInstances(r -> r.instanceIds(id)));
    return stopped.isPresent() ? "stopped" : "already gone";
  }

  private String terminateInstance(String id, String region) {
    Ec2Client ec2 = ec2(region);
    Optional<?> terminated =
        call(
            "ec2",
            "TerminateInstances",
            region,
            INSTANCE_GONE,
            () -> ec2.terminateInstances(r -> r.instanceIds(id)));
    return terminated.isPresent() ? "terminated" : "already gone";
  }

  private String resizeInstance(String id, String type, String region, Progress progress) {
    requireSize(id, type);
    Ec2Client ec2 = ec2(region);
    Instance instance = describeInstance(ec2, id, region).orElse(null);
    if (instance == null || isGone(instance)) {
      return "already gone";
    }
    boolean wasRunning = isUp(progress.priorState(state(instance)));
    if (!type.equals(instance.instanceTypeAsString())) {
      if (isUp(state(instance)) || "stopping".equals(state(instance))) {
        call(
            "ec2",
            "StopInstances",
            region,
            Set.of(),
            () -> ec2.stopInstances(r -> r.instanceIds(id)));
        awaitStopped(ec2, id, region, progress);
      }
      call(
          "ec2",
          "ModifyInstanceAttribute",
          region,
          Set.of(),
          () ->
              ec2.modifyInstanceAttribute(
                  r ->
                      r.instanceId(id).instanceType(AttributeValue.builder().value(type).build())));
      instance = describeInstance(ec2, id, region).orElse(instance);
    }
    if (wasRunning && "stopped".equals(state(instance))) {
      call(
          "ec2",
          "StartInstances",
          region,
          Set.of(),
          () -> ec2.startInstances(r -> r.instanceIds(id)));
      return "now " + type + ", started again";
    }
    return "now " + type;
  }

  private Optional<Instance> describeInstance(Ec2Client ec2, String id, String region) {
    return call(
            "ec2",
            "DescribeInstances",
            region,
            INSTANCE_GONE,
            () -> ec2.describeInstances(r -> r.instanceIds(id)))
        .flatMap(
            response ->
                response.reservations().stream()
                    .flatMap(reservation -> reservation.instances().stream())
                    .filter(i -> id.equals(i.instanceId()))
                    .findFirst());
  }

  private void awaitStopped(Ec2Client ec2, String id, String region, Progress progress) {
    long polls =
        Math.max(1, waits.maxWait().toMillis() / Math.max(1, waits.pollInterval().toMillis()));
    for (long poll = 0; poll < polls; poll++) {
      Instance instance = describeInstance(ec2, id, region).orElse(null);
      if (instance == null || "stopped".equals(state(instance))) {
        return;
      }
      if (isGone(instance)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "EC2 instance " + id + " in " + region + " was terminated while being rightsized",
            AwsClients.BAD_REQUEST);
      }
      progress.heartbeat();
      sleep(waits.pollInterval());
    }
    throw ApplicationFailure.newFailure(
        "EC2 instance " + id + " in " + region + " did not stop within " + waits.maxWait(),
        STATE_WAIT_TIMED_OUT);
  }

  private static String state(Instance instance) {
    return instance.state() == null ? null : instance.state().nameAsString();
  }

  private static boolean isUp(String state) {
    return "running".equals(state) || "pending".equals(state);
  }

  private static boolean isGone(Instance instance) {
    String state = state(instance);
    return "terminated".equals(state) || "shutting-down".equals(state);
  }

  private String deleteVolume(String id, String region) {
    Ec2Client ec2 = ec2(region);
    return call(
                "ec2",
                "DeleteVolume",
                region,
                Set.of("InvalidVolume.NotFound"),
                () -> ec2.deleteVolume(r -> r.volumeId(id)))
            .isPresent()
        ? "deleted"
        : "already gone";
  }

  private String deleteSnapshot(String id, String region) {
    Ec2Client ec2 = ec2(region);
    return call(
                "ec2",
                "DeleteSnapshot",
                region,
                Set.of("InvalidSnapshot.NotFound"),
                () -> ec2.deleteSnapshot(r -> r.snapshotId(id)))
            .isPresent()
        ? "deleted"
        : "already gone";
  }

  // ---------------------------------------------------------------- RDS

  private RdsClient rds(String region) {
    return aws.client("rds", region, RdsClient.builder(), Function.identity());
  }

  private Optional<DBInstance> describeDatabase(RdsClient rds, String id, String region) {
    return call(
            "rds",
            "DescribeDBInstances",
            region,
            DB_GONE,
            () -> rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)))
        .flatMap(response -> response.dbInstances().stream().findFirst());
  }

  private String stopDatabase(String id, String region) {
    RdsClient rds = rds(region);
    DBInstance db = describeDatabase(rds, id, region).orElse(null);
    if (db == null || "deleting".equals(db.dbInstanceStatus())) {
      return "already gone";
    }
    if ("stopped".equals(db.dbInstanceStatus()) || "stopping".equals(db.dbInstanceStatus())) {
      return "already " + db.dbInstanceStatus();
    }
    return call(
                "rds",
                "StopDBInstance",
                region,
                DB_GONE,
                () -> rds.stopDBInstance(r -> r.dbInstanceIdentifier(id)))
            .isPresent()
        ? "stopping"
        : "already gone";
  }

  private String deleteReplica(String id, String region) {
    RdsClient rds = rds(region);
    DBInstance db = describeDatabase(rds, id, region).orElse(null);
    if (db == null || "deleting".equals(db.dbInstanceStatus())) {
      return "already gone";
    }
    return call(
                "rds",
                "DeleteDBInstance",
                region,
                DB_GONE,
                () -> rds.deleteDBInstance(r -> r.dbInstanceIdentifier(id).skipFinalSnapshot(true)))
            .isPresent()
        ? "deleting"
        : "already gone";
  }

  private String resizeDatabase(String id, String dbClass, String region) {
    requireSize(id, dbClass);
    RdsClient rds = rds(region);
    DBInstance db = describeDatabase(rds, id, region).orElse(null);
    if (db == null || "deleting".equals(db.dbInstanceStatus())) {
      return "already gone";
    }
    boolean pending =
        db.pendingModifiedValues() != null
            && dbClass.equals(db.pendingModifiedValues().dbInstanceClass());
    if (dbClass.equals(db.dbInstanceClass()) || pending) {
      return "already " + dbClass;
    }
    call(
        "rds",
        "ModifyDBInstance",
        region,
        Set.of(),
        () ->
            rds.modifyDBInstance(
                r -> r.dbInstanceIdentifier(id).dbInstanceClass(dbClass).applyImmediately(true)));
    return "modifying to " + dbClass;
  }

  // ---------------------------------------------------------------- S3, ELBv2, Lambda

  private String addLifecycleRule(String bucket, String proposed, String region) {
    S3Client s3 =
        aws.client(
            "s3",
            region,
            S3Client.builder(),
            b -> b.forcePathStyle(aws.emulated()).crossRegionAccessEnabled(true));
    Optional<List<LifecycleRule>> current =
        call(
                "s3",
                "GetBucketLifecycleConfiguration",
                region,
                Set.of("NoSuchLifecycleConfiguration", "NoSuchBucket"),
                () -> s3.getBucketLifecycleConfiguration(r -> r.bucket(bucket)))
            .map(response -> response.rules());
    List<LifecycleRule> rules = new ArrayList<>(current.orElse(List.of()));
    if (rules.stream().anyMatch(rule -> LIFECYCLE_RULE_ID.equals(rule.id()))) {
      return "rule " + LIFECYCLE_RULE_ID + " already there";
    }
    int days = lifecycleDays(proposed);
    rules.add(
        LifecycleRule.builder()
            .id(LIFECYCLE_RULE_ID)
            .status(ExpirationStatus.ENABLED)
            .filter(LifecycleRuleFilter.builder().prefix("").build())
            .transitions(
                Transition.builder()
                    .days(days)
                    .storageClass(TransitionStorageClass.STANDARD_IA)
                    .build())
            .build());
    Optional<?> written =
        call(
            "s3",
            "PutBucketLifecycleConfiguration",
            region,
            Set.of("NoSuchBucket"),
            () ->
                s3.putBucketLifecycleConfiguration(
                    r ->
                        r.bucket(bucket)
                            .lifecycleConfiguration(
                                BucketLifecycleConfiguration.builder().rules(rules).build())));
    return written.isPresent()
        ? "rule " + LIFECYCLE_RULE_ID + " added: STANDARD_IA after " + days + " days"
        : "bucket already gone";
  }

  /** The age in the proposal ("STANDARD_IA after 45 days"), never below S3's minimum. */
  static int lifecycleDays(String proposed) {
    if (proposed != null) {
      Matcher m = DAYS.matcher(proposed);
      if (m.find()) {
        return Math.max(MIN_IA_DAYS, Integer.parseInt(m.group(1)));
      }
    }
    return MIN_IA_DAYS;
  }

  private String deleteLoadBalancer(String id, PlannedAction action, String region) {
    if (action.account() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "DELETE_LOAD_BALANCER " + id + ": the cycle stored no account to name it by ARN",
          AwsClients.BAD_REQUEST);
    }
    String arn =
        "arn:aws:elasticloadbalancing:" + region + ":" + action.account() + ":loadbalancer/" + id;
    ElasticLoadBalancingV2Client elb =
        aws.client("elbv2", region, ElasticLoadBalancingV2Client.builder(), Function.identity());
    // DeleteLoadBalancer succeeds for a load balancer that is already gone.
    call(
        "elasticloadbalancing",
        "DeleteLoadBalancer",
        region,
        Set.of("LoadBalancerNotFound"),
        () -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(arn)));
    return "deleted";
  }

  private String deleteFunction(String name, String region) {
    LambdaClient lambda = aws.client("lambda", region, LambdaClient.builder(), Function.identity());
    return call(
                "lambda",
                "DeleteFunction",
                region,
                Set.of("ResourceNotFoundException"),
                () -> lambda.deleteFunction(r -> r.functionName(name)))
            .isPresent()
        ? "deleted"
        : "already gone";
  }

  // ---------------------------------------------------------------- plumbing

  /**
   * One AWS call; empty when AWS answers with one of {@code goneCodes} (the resource is not there,
   * which for these actions means there is nothing left to do).
   */
  private static <T> Optional<T> call(
      String service, String action, String region, Set<String> goneCodes, Supplier<T> call) {
    try {
      return Optional.of(call.get());
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      if (code != null && goneCodes.contains(code)) {
        return Optional.empty();
      }
      throw AwsClients.failure(service, action, region, e);
    } catch (SdkException e) {
      throw AwsClients.failure(service, action, region, e);
    }
  }

  private static void requireSize(String id, String size) {
    if (size == null || size.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "RIGHTSIZE " + id + ": the recommendation names no new size", AwsClients.BAD_REQUEST);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted while waiting on AWS", STATE_WAIT_TIMED_OUT);
    }
  }

  @Override
  public void close() {
    aws.close();
  }
}
