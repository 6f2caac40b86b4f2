package dev.flotilla.optimization;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A made-up but realistic inventory of one account in two regions, with two weeks of hourly
 * metrics, for demos, tests and benchmarks without AWS.
 *
 * <p>The mix is deliberate: idle instances (CPU under 2%), instances idle only for the last 8 to 12
 * days, oversized ones (p95 CPU 10-30% on xlarge and up), busy ones; attached and unattached
 * volumes; young and old snapshots; RDS primaries, some idle, some with read replicas; Lambda
 * functions that nobody calls; load balancers in front of instances, some idle; buckets with and
 * without lifecycle rules.
 *
 * <p>The same seed, size and end give the same inventory and metrics. Only the resources and one
 * byte per resource are kept; {@link #metricsFor} draws a resource's metrics again each time from a
 * generator seeded by the inventory seed and the resource's position, so 100,000 resources do not
 * hold 100,000 metric series in memory.
 */
public final class SampleInventory {

  public static final int DEFAULT_SIZE = 2_000;
  public static final int WINDOW_DAYS = 14;
  public static final int STEP_SECONDS = 3_600;
  public static final String ACCOUNT = "123456789012";
  public static final List<String> REGIONS = List.of("us-east-1", "us-west-2");

  static final List<String> INSTANCE_TYPES =
      List.of(
          "t3.nano",
          "t3.micro",
          "t3.small",
          "t3.medium",
          "t3.large",
          "t3.xlarge",
          "t3.2xlarge",
          "m5.large",
          "m5.xlarge",
          "m5.2xlarge",
          "m5.4xlarge",
          "c5.large",
          "c5.xlarge",
          "c5.2xlarge",
          "c5.4xlarge",
          "r5.large",
          "r5.xlarge",
          "r5.2xlarge",
          "r5.4xlarge");
  static final List<String> LARGE_INSTANCE_TYPES =
      INSTANCE_TYPES.stream().filter(t -> t.contains("xlarge")).toList();

  /** DB class to memory in GiB, which sets max_connections. */
  static final Map<String, Integer> DB_CLASS_MEMORY_GIB =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("db.t3.micro", 1),
              Map.entry("db.t3.small", 2),
              Map.entry("db.t3.medium", 4),
              Map.entry("db.t3.large", 8),
              Map.entry("db.t3.xlarge", 16),
              Map.entry("db.t3.2xlarge", 32),
              Map.entry("db.m5.large", 8),
              Map.entry("db.m5.xlarge", 16),
              Map.entry("db.m5.2xlarge", 32),
              Map.entry("db.m5.4xlarge", 64),
              Map.entry("db.r5.large", 16),
              Map.entry("db.r5.xlarge", 32),
              Map.entry("db.r5.2xlarge", 64),
              Map.entry("db.r5.4xlarge", 128)));

  private static final List<String> DB_CLASSES = List.copyOf(DB_CLASS_MEMORY_GIB.keySet());
  private static final List<String> LARGE_DB_CLASSES =
      DB_CLASSES.stream().filter(c -> c.contains("xlarge")).toList();
  private static final List<String> TEAMS =
      List.of("payments", "search", "checkout", "data", "ml", "web", "platform", "identity");
  private static final List<String> ROLES =
      List.of("api", "worker", "batch", "cache", "ingest", "report", "sync", "gateway");
  private static final String[] VOLUME_TYPES = {"gp3", "gp2", "io1", "st1"};
  private static final double[] VOLUME_TYPE_WEIGHTS = {0.50, 0.35, 0.05, 0.10};
  private static final int[] VOLUME_GIB = {8, 20, 30, 50, 100, 200, 500, 1000};
  private static final int[] HDD_VOLUME_GIB = {500, 1000, 2000};
  private static final int[] FUNCTION_MEMORY_MB = {128, 256, 512, 1024, 2048};
  private static final long DAY = 86_400;

  /** How a resource's metrics behave; NONE for kinds without metrics. */
  enum Profile {
    NONE,
    IDLE,
    RECENTLY_IDLE,
    OVERSIZED,
    BUSY,
    /** A Lambda function run once a day by a schedule. */
    DAILY_SCHEDULE
  }

  private final long seed;
  private final Instant windowStart;
  private final Instant windowEnd;
  private final List<Resource> resources;
  private final Map<String, Integer> indexById;
  private final byte[] profiles;

  private SampleInventory(
      long seed,
      Instant windowEnd,
      List<Resource> resources,
      Map<String, Integer> indexById,
      byte[] profiles) {
    this.seed = seed;
    this.windowEnd = windowEnd;
    this.windowStart = windowEnd.minus(Duration.ofDays(WINDOW_DAYS));
    this.resources = resources;
    this.indexById = indexById;
    this.profiles = profiles;
  }

  /** An inventory of {@value #DEFAULT_SIZE} resources. */
  public static SampleInventory generate(long seed, Instant end) {
    return generate(seed, DEFAULT_SIZE, end);
  }

  /**
   * An inventory of {@code size} resources whose metrics end at {@code end} (rounded down to the
   * hour).
   */
  public static SampleInventory generate(long seed, int size, Instant end) {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, was " + size);
    }
    return new Generator(seed, size, end.truncatedTo(ChronoUnit.HOURS)).run();
  }

  /**
   * Every resource, instances first, then volumes, snapshots, databases, functions, load balancers,
   * buckets.
   */
  public List<Resource> resources() {
    return resources;
  }

  public Instant windowStart() {
    return windowStart;
  }

  public Instant windowEnd() {
    return windowEnd;
  }

  /**
   * The hourly metrics of a resource over the window: CPU for instances, CPU and connections for
   * databases, invocations for functions, requests for load balancers; none for the other kinds.
   *
   * @throws IllegalArgumentException if the id is not in this inventory
   */
  public List<MetricSeries> metricsFor(String resourceId) {
    Integer index = indexById.get(resourceId);
    if (index == null) {
      throw new IllegalArgumentException("no resource " + resourceId + " in this inventory");
    }
    Resource resource = resources.get(index);
    Profile profile = Profile.values()[profiles[index]];
    SplittableRandom random = new SplittableRandom(mix(seed, index));
    return switch (resource.kind()) {
      case EC2_INSTANCE ->
          List.of(series(resourceId, MetricSeries.CPU_UTILIZATION, cpu(profile, random)));
      case RDS_INSTANCE -> {
        int maxConnections = Integer.parseInt(resource.attribute("maxConnections"));
        yield List.of(
            series(resourceId, MetricSeries.CPU_UTILIZATION, dbCpu(profile, random)),
            series(
                resourceId,
                MetricSeries.DATABASE_CONNECTIONS,
                connections(profile, maxConnections, random)));
      }
      case LAMBDA_FUNCTION ->
          List.of(series(resourceId, MetricSeries.INVOCATIONS, invocations(profile, random)));
      case LOAD_BALANCER ->
          List.of(series(resourceId, MetricSeries.REQUEST_COUNT, requests(profile, random)));
      default -> List.of();
    };
  }

  /** The behaviour drawn for a resource; tests use it to check the analysis against the intent. */
  Profile profileOf(String resourceId) {
    return Profile.values()[profiles[indexById.get(resourceId)]];
  }

  private MetricSeries series(String resourceId, String metric, double[] values) {
    List<Double> boxed = new ArrayList<>(values.length);
    for (double value : values) {
      boxed.add(Math.round(value * 100) / 100.0);
    }
    return new MetricSeries(resourceId, metric, windowStart, STEP_SECONDS, boxed);
  }

  private static int points() {
    return WINDOW_DAYS * 24;
  }

  private static double[] cpu(Profile profile, SplittableRandom random) {
    double[] values = new double[points()];
    switch (profile) {
      case IDLE -> idleCpu(values, 0, random, 0.3 + 1.2 * random.nextDouble());
      case RECENTLY_IDLE -> {
        int idleDays = random.nextInt(8, 13);
        int firstIdle = (WINDOW_DAYS - idleDays) * 24;
        busyCpu(values, random, 30, 50);
        idleCpu(values, firstIdle, random, 0.3 + 1.2 * random.nextDouble());
      }
      case OVERSIZED -> oversizedCpu(values, random);
      default -> busyCpu(values, random, 30, 50);
    }
    return values;
  }

  private static double[] dbCpu(Profile profile, SplittableRandom random) {
    double[] values = new double[points()];
    switch (profile) {
      case IDLE -> {
        double level = 1 + 2 * random.nextDouble();
        for (int i = 0; i < values.length; i++) {
          values[i] = clamp(level + 0.5 * gaussian(random), 0.2, 4.5);
        }
      }
      case OVERSIZED -> oversizedCpu(values, random);
      default -> busyCpu(values, random, 35, 55);
    }
    return values;
  }

  private static void idleCpu(double[] values, int from, SplittableRandom random, double level) {
    for (int i = from; i < values.length; i++) {
      values[i] = clamp(level + 0.2 * gaussian(random), 0.05, 1.95);
    }
  }

  /** A daily cycle whose p95 sits well above 40%, so one size down would be too small. */
  private static void busyCpu(double[] values, SplittableRandom random, double low, double high) {
    double base = low + (high - low) * random.nextDouble();
    double amplitude = 15 + 15 * random.nextDouble();
    int peakHour = random.nextInt(24);
    for (int i = 0; i < values.length; i++) {
      values[i] = clamp(base + amplitude * daily(i, peakHour) + 3 * gaussian(random), 0.5, 100);
    }
  }

  /** A daily cycle peaking between 12% and 28%: busy every day, but with room to halve. */
  private static void oversizedCpu(double[] values, SplittableRandom random) {
    double peak = 12 + 16 * random.nextDouble();
    int peakHour = random.nextInt(24);
    for (int i = 0; i < values.length; i++) {
      values[i] = clamp(peak * (0.55 + 0.45 * daily(i, peakHour)) + gaussian(random), 0.5, 100);
    }
  }

  private static double[] connections(
      Profile profile, int maxConnections, SplittableRandom random) {
    double[] values = new double[points()];
    double share =
        switch (profile) {
          case IDLE -> 0;
          case OVERSIZED -> 0.25 + 0.15 * random.nextDouble();
          default -> 0.30 + 0.30 * random.nextDouble();
        };
    int peakHour = random.nextInt(24);
    for (int i = 0; i < values.length; i++) {
      values[i] =
          profile == Profile.IDLE
              // A monitoring agent's connection now and then.
              ? (random.nextDouble() < 0.1 ? 1 : 0)
              : Math.max(
                  0,
                  Math.round(
                      maxConnections * share * (0.8 + 0.2 * daily(i, peakHour))
                          + 2 * gaussian(random)));
    }
    return values;
  }

  private static double[] invocations(Profile profile, SplittableRandom random) {
    double[] values = new double[points()];
    switch (profile) {
      case IDLE -> {}
      case DAILY_SCHEDULE -> {
        int hour = random.nextInt(24);
        for (int day = 0; day < WINDOW_DAYS; day++) {
          values[day * 24 + hour] = 1;
        }
      }
      default -> {
        // Log-uniform between 0.2 and 500 calls an hour.
        double rate =
            Math.exp(Math.log(0.2) + (Math.log(500) - Math.log(0.2)) * random.nextDouble());
        int peakHour = random.nextInt(24);
        for (int i = 0; i < values.length; i++) {
          values[i] = poisson(rate * (1 + 0.5 * daily(i, peakHour)), random);
        }
      }
    }
    return values;
  }

  private static double[] requests(Profile profile, SplittableRandom random) {
    double[] values = new double[points()];
    // Stray scanners reach even an unused load balancer, about one request a day.
    double rate = profile == Profile.IDLE ? 0.05 : 50 + 4950 * random.nextDouble();
    int peakHour = random.nextInt(24);
    for (int i = 0; i < values.length; i++) {
      double shape = profile == Profile.IDLE ? 1 : 1 + 0.6 * daily(i, peakHour);
      values[i] = poisson(rate * shape, random);
    }
    return values;
  }

  /** A cosine with period one day, 1 at {@code peakHour}, -1 twelve hours away. */
  private static double daily(int hourIndex, int peakHour) {
    return Math.cos(2 * Math.PI * ((hourIndex - peakHour) % 24) / 24.0);
  }

  /**
   * An approximately standard normal draw (Irwin-Hall of four uniforms). Written out rather than
   * taken from RandomGenerator.nextGaussian so that the output cannot change with the JDK.
   */
  private static double gaussian(SplittableRandom random) {
    double sum =
        random.nextDouble() + random.nextDouble() + random.nextDouble() + random.nextDouble();
    return (sum - 2) * Math.sqrt(3);
  }

  private static double poisson(double mean, SplittableRandom random) {
    if (mean > 30) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }

  private static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }

  /** SplitMix64's finalizer over seed and position: independent streams per resource. */
  static long mix(long seed, int index) {
    long z = seed + (index + 1L) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Builds the resources in one pass of one random stream, so the order fixes the output. */
  private static final class Generator {
    private final long seed;
    private final int size;
    private final Instant end;
    private final SplittableRandom random;
    private final List<Resource> resources;
    private final List<Profile> profiles;
    private final Set<String> ids = new HashSet<>();
    private final Map<String, List<String>> instancesByRegion = new HashMap<>();
    private final Map<String, List<String>> busyInstancesByRegion = new HashMap<>();
    private final Map<String, List<String>> idleInstancesByRegion = new HashMap<>();
    private final List<String> volumeIds = new ArrayList<>();
    private final Set<String> loadBalancerTargets = new HashSet<>();

    Generator(long seed, int size, Instant end) {
      this.seed = seed;
      this.size = size;
      this.end = end;
      this.random = new SplittableRandom(seed);
      this.resources = new ArrayList<>(size);
      this.profiles = new ArrayList<>(size);
    }

    SampleInventory run() {
      int volumes = (int) (size * 0.30);
      int snapshots = (int) (size * 0.15);
      int databases = (int) (size * 0.05);
      int functions = (int) (size * 0.12);
      int loadBalancers = (int) (size * 0.03);
      int buckets = (int) (size * 0.05);
      int instances = size - volumes - snapshots - databases - functions - loadBalancers - buckets;

      for (int i = 0; i < instances; i++) {
        instance(i);
      }
      for (int i = 0; i < volumes; i++) {
        volume();
      }
      for (int i = 0; i < snapshots; i++) {
        snapshot();
      }
      databases(databases);
      for (int i = 0; i < functions; i++) {
        function(i);
      }
      for (int i = 0; i < loadBalancers; i++) {
        loadBalancer(i);
      }
      for (int i = 0; i < buckets; i++) {
        bucket(i);
      }

      Map<String, Integer> indexById = new HashMap<>(resources.size() * 2);
      byte[] profileBytes = new byte[resources.size()];
      for (int i = 0; i < resources.size(); i++) {
        indexById.put(resources.get(i).id(), i);
        profileBytes[i] = (byte) profiles.get(i).ordinal();
      }
      return new SampleInventory(seed, end, List.copyOf(resources), indexById, profileBytes);
    }

    private void instance(int n) {
      String region = region();
      double draw = random.nextDouble();
      Profile profile =
          draw < 0.12
              ? Profile.IDLE
              : draw < 0.18
                  ? Profile.RECENTLY_IDLE
                  : draw < 0.38 ? Profile.OVERSIZED : Profile.BUSY;
      String type =
          profile == Profile.OVERSIZED ? pick(LARGE_INSTANCE_TYPES) : pick(INSTANCE_TYPES);
      String id = uniqueId("i-0");
      Map<String, String> tags = ownerTags(pick(ROLES) + "-" + n);
      double keepShare = profile == Profile.IDLE ? 0.25 : 0.05;
      if (random.nextDouble() < keepShare) {
        tags.put("keep", "true");
      }
      Map<String, String> attributes = new TreeMap<>();
      attributes.put("availabilityZone", region + pick(List.of("a", "b", "c")));
      attributes.put("platform", "linux");
      add(
          new Resource(
              id,
              ResourceKind.EC2_INSTANCE,
              ACCOUNT,
              region,
              type,
              "running",
              daysAgo(WINDOW_DAYS + 1, 700),
              tags,
              attributes,
              List.of()),
          profile);
      instancesByRegion.computeIfAbsent(region, r -> new ArrayList<>()).add(id);
      (profile == Profile.IDLE || profile == Profile.RECENTLY_IDLE
              ? idleInstancesByRegion
              : busyInstancesByRegion)
          .computeIfAbsent(region, r -> new ArrayList<>())
          .add(id);
    }

    private void volume() {
      String region = region();
      String type = weighted(VOLUME_TYPES, VOLUME_TYPE_WEIGHTS);
      int gib = type.equals("st1") ? pick(HDD_VOLUME_GIB) : pick(VOLUME_GIB);
      String id = uniqueId("vol-0");
      Map<String, String> attributes = new TreeMap<>();
      if (type.equals("io1")) {
        attributes.put("iops", Integer.toString(Math.min(gib * 50, 1000 * random.nextInt(1, 11))));
      }
      List<String> regionInstances = instancesByRegion.getOrDefault(region, List.of());
      boolean attached = !regionInstances.isEmpty() && random.nextDouble() < 0.85;
      Instant createdAt;
      List<String> dependsOn;
      String state;
      if (attached) {
        String instanceId = pick(regionInstances);
        attributes.put("attachedTo", instanceId);
        createdAt = daysAgo(WINDOW_DAYS + 1, 700);
        dependsOn = List.of(instanceId);
        state = "in-use";
      } else {
        dependsOn = List.of();
        state = "available";
        if (random.nextDouble() < 0.6) {
          Instant lastAttached = daysAgo(1, 120);
          attributes.put("lastAttachedAt", lastAttached.toString());
          createdAt = lastAttached.minus(Duration.ofDays(random.nextInt(1, 300)));
        } else {
          createdAt = daysAgo(1, 400);
        }
      }
      Map<String, String> tags = ownerTags("data-" + volumeIds.size());
      if (random.nextDouble() < 0.05) {
        tags.put("keep", "true");
      }
      add(
          new Resource(
              id,
              ResourceKind.EBS_VOLUME,
              ACCOUNT,
              region,
              type + ":" + gib,
              state,
              createdAt,
              tags,
              attributes,
              dependsOn),
          Profile.NONE);
      volumeIds.add(id);
    }

    private void snapshot() {
      String region = region();
      int gib = pick(VOLUME_GIB);
      Map<String, String> attributes = new TreeMap<>();
      attributes.put(
          "sourceVolumeId", volumeIds.isEmpty() ? "vol-ffffffffffffffff" : pick(volumeIds));
      // Snapshots are incremental: only changed blocks are stored and billed.
      attributes.put(
          "storedGb",
          Long.toString(Math.max(1, Math.round(gib * (0.05 + 0.55 * random.nextDouble())))));
      Map<String, String> tags = ownerTags("backup");
      if (random.nextDouble() < 0.05) {
        tags.put("keep", "true");
      }
      Instant createdAt = random.nextDouble() < 0.45 ? daysAgo(91, 700) : daysAgo(1, 89);
      add(
          new Resource(
              uniqueId("snap-0"),
              ResourceKind.EBS_SNAPSHOT,
              ACCOUNT,
              region,
              Integer.toString(gib),
              "completed",
              createdAt,
              tags,
              attributes,
              List.of()),
          Profile.NONE);
    }

    private void databases(int count) {
      int replicas = count / 5;
      int primaries = count - replicas;
      List<Resource> primaryResources = new ArrayList<>(primaries);
      List<Profile> primaryProfiles = new ArrayList<>(primaries);
      for (int i = 0; i < primaries; i++) {
        double draw = random.nextDouble();
        Profile profile =
            draw < 0.20 ? Profile.IDLE : draw < 0.35 ? Profile.OVERSIZED : Profile.BUSY;
        String dbClass = profile == Profile.OVERSIZED ? pick(LARGE_DB_CLASSES) : pick(DB_CLASSES);
        Resource primary =
            database(String.format("db-%s-%05d", pick(TEAMS), i), region(), dbClass, null);
        add(primary, profile);
        primaryResources.add(primary);
        primaryProfiles.add(profile);
      }
      for (int i = 0; i < replicas && primaries > 0; i++) {
        int of = random.nextInt(primaries);
        Resource primary = primaryResources.get(of);
        // Nobody reads from the replica of a database nobody uses.
        Profile profile = primaryProfiles.get(of) == Profile.IDLE ? Profile.IDLE : Profile.BUSY;
        add(
            database(
                primary.id() + "-replica-" + i, primary.region(), primary.size(), primary.id()),
            profile);
      }
    }

    private Resource database(String id, String region, String dbClass, String replicaOf) {
      Map<String, String> attributes = new TreeMap<>();
      attributes.put("engine", random.nextBoolean() ? "postgres" : "mysql");
      attributes.put("allocatedGb", Integer.toString(pick(new int[] {20, 100, 200, 500, 1000})));
      // RDS's default max_connections is about DBInstanceClassMemory / 9531392, capped at 5000.
      long memoryBytes = DB_CLASS_MEMORY_GIB.get(dbClass) * 1024L * 1024 * 1024;
      attributes.put("maxConnections", Long.toString(Math.min(5000, memoryBytes / 9_531_392L)));
      if (replicaOf != null) {
        attributes.put("replicaOf", replicaOf);
      }
      return new Resource(
          ids.add(id) ? id : uniqueId(id + "-"),
          ResourceKind.RDS_INSTANCE,
          ACCOUNT,
          region,
          dbClass,
          "available",
          daysAgo(WINDOW_DAYS + 1, 900),
          ownerTags(id),
          attributes,
          replicaOf == null ? List.of() : List.of(replicaOf));
    }

    private void function(int n) {
      double draw = random.nextDouble();
      Profile profile =
          draw < 0.20 ? Profile.IDLE : draw < 0.30 ? Profile.DAILY_SCHEDULE : Profile.BUSY;
      String team = pick(TEAMS);
      String id = String.format("%s-%s-%05d", team, pick(ROLES), n);
      Map<String, String> attributes = new TreeMap<>();
      attributes.put("runtime", pick(List.of("java21", "python3.12", "nodejs20.x")));
      add(
          new Resource(
              ids.add(id) ? id : uniqueId(id + "-"),
              ResourceKind.LAMBDA_FUNCTION,
              ACCOUNT,
              region(),
              Integer.toString(pick(FUNCTION_MEMORY_MB)),
              "Active",
              daysAgo(WINDOW_DAYS + 1, 900),
              ownerTags(id),
              attributes,
              List.of()),
          profile);
    }

    private void loadBalancer(int n) {
      String region = region();
      Profile profile = random.nextDouble() < 0.20 ? Profile.IDLE : Profile.BUSY;
      // An idle load balancer usually fronts instances that are idle too.
      List<String> pool =
          (profile == Profile.IDLE ? idleInstancesByRegion : busyInstancesByRegion)
              .getOrDefault(region, List.of());
      if (pool.isEmpty()) {
        pool = instancesByRegion.getOrDefault(region, List.of());
      }
      Set<String> targets = new TreeSet<>();
      int wanted = Math.min(pool.size(), random.nextInt(2, 5));
      while (targets.size() < wanted) {
        // An instance usually sits behind one load balancer; share one only when few are left.
        String target = pick(pool);
        for (int attempt = 0; attempt < 8 && loadBalancerTargets.contains(target); attempt++) {
          target = pick(pool);
        }
        targets.add(target);
      }
      loadBalancerTargets.addAll(targets);
      String name = String.format("%s-alb-%04d", pick(TEAMS), n);
      Map<String, String> attributes = new TreeMap<>();
      attributes.put("type", "application");
      attributes.put("scheme", random.nextBoolean() ? "internet-facing" : "internal");
      add(
          new Resource(
              uniqueId("app/" + name + "/"),
              ResourceKind.LOAD_BALANCER,
              ACCOUNT,
              region,
              null,
              "active",
              daysAgo(WINDOW_DAYS + 1, 900),
              ownerTags(name),
              attributes,
              List.copyOf(targets)),
          profile);
    }

    private void bucket(int n) {
      String name = String.format("flotilla-%s-%s-%05d", pick(TEAMS), pick(ROLES), n);
      Map<String, String> attributes = new TreeMap<>();
      attributes.put("lifecycle", random.nextBoolean() ? "none" : "configured");
      // Log-uniform between 1 GiB and 50 TiB.
      attributes.put(
          "sizeGb", Long.toString(Math.round(Math.exp(Math.log(50_000) * random.nextDouble()))));
      attributes.put("storageClass", "STANDARD");
      add(
          new Resource(
              ids.add(name) ? name : uniqueId(name + "-"),
              ResourceKind.S3_BUCKET,
              ACCOUNT,
              region(),
              null,
              "available",
              daysAgo(5, 1500),
              ownerTags(name),
              attributes,
              List.of()),
          Profile.NONE);
    }

    private void add(Resource resource, Profile profile) {
      resources.add(resource);
      profiles.add(profile);
    }

    private Map<String, String> ownerTags(String name) {
      Map<String, String> tags = new TreeMap<>();
      tags.put("Name", name);
      tags.put("team", pick(TEAMS));
      double draw = random.nextDouble();
      tags.put("env", draw < 0.5 ? "prod" : draw < 0.75 ? "staging" : "dev");
      return tags;
    }

    private String region() {
      return random.nextDouble() < 0.7 ? REGIONS.get(0) : REGIONS.get(1);
    }

    private Instant daysAgo(int minDays, int maxDays) {
      return end.minusSeconds(random.nextLong(minDays * DAY, maxDays * DAY + 1));
    }

    private String uniqueId(String prefix) {
      while (true) {
        String hex = Long.toHexString(random.nextLong());
        String id = prefix + "0".repeat(16 - hex.length()) + hex;
        if (ids.add(id)) {
          return id;
        }
      }
    }

    private <T> T pick(List<T> values) {
      return values.get(random.nextInt(values.size()));
    }

    private int pick(int[] values) {
      return values[random.nextInt(values.length)];
    }

    private String weighted(String[] values, double[] weights) {
      double draw = random.nextDouble();
      for (int i = 0; i < values.length - 1; i++) {
        draw -= weights[i];
        if (draw < 0) {
          return values[i];
        }
      }
      return values[values.length - 1];
    }
  }
}
