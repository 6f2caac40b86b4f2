package dev.flotilla.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flotilla's own settings, read from {@code flotilla.yaml} with environment overrides (see {@link
 * SettingsLoader}). Temporal's connection is not here: it comes from temporal-envconfig.
 *
 * <p>Secrets are never values in this file, only references ({@code env:NAME} or {@code
 * file:/path}) that activities resolve when they need them; see {@link SecretRef}.
 */
public record FlotillaSettings(
    Database database,
    Aws aws,
    Alerts alerts,
    Map<String, List<String>> approvers,
    Map<String, Map<String, Double>> thresholds,
    Worker worker,
    Dev dev,
    Sample sample) {

  public FlotillaSettings {
    database = database == null ? Database.DEFAULT : database;
    aws = aws == null ? Aws.DEFAULT : aws;
    alerts = alerts == null ? Alerts.DEFAULT : alerts;
    // Not Map.copyOf: a scope left empty in YAML is a null list, which SettingsLoader reports
    // by name; Map.copyOf would throw a NullPointerException that names no key.
    approvers =
        approvers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(approvers));
    thresholds = thresholds == null ? Map.of() : copyKeepingNulls(thresholds);
    worker = worker == null ? Worker.DEFAULT : worker;
    dev = dev == null ? Dev.DEFAULT : dev;
    sample = sample == null ? Sample.DEFAULT : sample;
  }

  /**
   * Unmodifiable copies that keep an entry left empty in YAML, so the loader can name it; {@code
   * List.copyOf} and {@code Map.copyOf} would throw instead.
   */
  static <T> List<T> copyKeepingNulls(List<T> values) {
    return Collections.unmodifiableList(new java.util.ArrayList<>(values));
  }

  static <K, V> Map<K, V> copyKeepingNulls(Map<K, V> values) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The same settings with these approvers added (a scope named twice takes the new list). */
  public FlotillaSettings withApprovers(Map<String, List<String>> more) {
    Map<String, List<String>> merged = new LinkedHashMap<>(approvers);
    merged.putAll(more);
    return new FlotillaSettings(database, aws, alerts, merged, thresholds, worker, dev, sample);
  }

  public static FlotillaSettings defaults() {
    return new FlotillaSettings(null, null, null, null, null, null, null, null);
  }

  /**
   * Flotilla's PostgreSQL. Without a URL, {@code flotilla dev} starts an embedded one.
   *
   * @param passwordRef where the password is, never the password itself
   */
  public record Database(String url, String user, String passwordRef, Integer maxPoolSize) {
    static final Database DEFAULT = new Database(null, null, null, null);

    /** Unset is fine for this one: a local database may trust connections without a password. */
    public static final String DEFAULT_PASSWORD_REF = "env:FLOTILLA_DATABASE_PASSWORD";

    public Database {
      user = user == null ? "flotilla" : user;
      passwordRef = passwordRef == null ? DEFAULT_PASSWORD_REF : passwordRef;
      maxPoolSize = maxPoolSize == null ? 10 : maxPoolSize;
    }
  }

  /** Where the AWS scanners look. An endpoint override points the real SDK at an emulator. */
  public record Aws(String region, String endpoint, List<String> regions) {
    static final Aws DEFAULT = new Aws(null, null, null);

    public Aws {
      region = region == null ? "us-east-1" : region;
      regions = regions == null ? List.of(region) : copyKeepingNulls(regions);
    }
  }

  /** Operator alerting: when to alert and where to send it. */
  public record Alerts(
      Integer consecutiveFailures, Email email, Slack slack, List<Webhook> webhooks) {
    static final Alerts DEFAULT = new Alerts(null, null, null, null);

    public Alerts {
      consecutiveFailures = consecutiveFailures == null ? 3 : consecutiveFailures;
      webhooks = webhooks == null ? List.of() : copyKeepingNulls(webhooks);
    }
  }

  public record Email(
      String smtpHost,
      Integer smtpPort,
      String from,
      List<String> to,
      String usernameRef,
      String passwordRef) {
    public Email {
      smtpPort = smtpPort == null ? 25 : smtpPort;
      to = to == null ? List.of() : copyKeepingNulls(to);
    }
  }

  /**
   * @param webhookUrlRef a Slack incoming-webhook URL is a secret, so only its reference
   */
  public record Slack(String webhookUrlRef) {}

  public record Webhook(String name, String url, String secretRef) {}

  /** Worker process tuning. */
  public record Worker(
      Boolean virtualThreads,
      Integer maxConcurrentActivities,
      Integer maxConcurrentWorkflowTasks,
      Integer workflowPollers,
      Integer activityPollers,
      Integer stickyCacheSize,
      Integer shutdownGraceSeconds,
      Integer httpPort) {
    static final Worker DEFAULT = new Worker(null, null, null, null, null, null, null, null);

    public Worker {
      virtualThreads = virtualThreads == null ? Boolean.TRUE : virtualThreads;
      maxConcurrentActivities = maxConcurrentActivities == null ? 200 : maxConcurrentActivities;
      maxConcurrentWorkflowTasks =
          maxConcurrentWorkflowTasks == null ? 200 : maxConcurrentWorkflowTasks;
      workflowPollers = workflowPollers == null ? 5 : workflowPollers;
      activityPollers = activityPollers == null ? 5 : activityPollers;
      stickyCacheSize = stickyCacheSize == null ? 600 : stickyCacheSize;
      shutdownGraceSeconds = shutdownGraceSeconds == null ? 30 : shutdownGraceSeconds;
      httpPort = httpPort == null ? 9464 : httpPort;
    }
  }

  /** The bundled sample inventory (scope source {@code sample}): how many resources it has. */
  public record Sample(Integer resources) {
    static final Sample DEFAULT = new Sample(null);

    public Sample {
      resources = resources == null ? 2_000 : resources;
    }
  }

  /** The embedded stack of {@code flotilla dev}. */
  public record Dev(Integer temporalPort, Integer postgresPort, String dataDir) {
    static final Dev DEFAULT = new Dev(null, null, null);

    public Dev {
      temporalPort = temporalPort == null ? 7233 : temporalPort;
      postgresPort = postgresPort == null ? 54329 : postgresPort;
      dataDir = dataDir == null ? ".flotilla/dev" : dataDir;
    }
  }
}
