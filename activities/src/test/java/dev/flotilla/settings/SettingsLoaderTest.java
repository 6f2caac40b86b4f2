package dev.flotilla.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

  @TempDir Path dir;

  private static final String FULL_YAML =
      """
      database:
        url: jdbc:postgresql://db.internal:5432/flotilla
        user: flotilla_app
        passwordRef: file:/run/secrets/db-password
        maxPoolSize: 20
      aws:
        region: eu-west-1
        endpoint: http://localhost:4566
        regions: [eu-west-1, eu-central-1]
      alerts:
        consecutiveFailures: 5
        email:
          smtpHost: smtp.internal
          smtpPort: 587
          from: flotilla@example.com
          to: [ops@example.com, finops@example.com]
          usernameRef: env:SMTP_USER
          passwordRef: env:SMTP_PASSWORD
        slack:
          webhookUrlRef: env:SLACK_WEBHOOK_URL
        webhooks:
          - name: pagerduty
            url: https://events.example.com/hook
            secretRef: file:/run/secrets/pd
      approvers:
        production: [alice, bob]
        staging: [carol]
      thresholds:
        ec2:
          cpu_utilization_threshold: 5.0
          idle_days_threshold: 7
        rds:
          cpu_utilization_threshold: 10.0
      worker:
        virtualThreads: false
        maxConcurrentActivities: 50
        maxConcurrentWorkflowTasks: 40
        workflowPollers: 4
        activityPollers: 6
        stickyCacheSize: 300
        shutdownGraceSeconds: 15
        httpPort: 9000
      dev:
        temporalPort: 17233
        postgresPort: 15432
        dataDir: /var/lib/flotilla-dev
      """;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  private static SettingsLoader loader() {
    return new SettingsLoader(Map.of());
  }

  /** Asserts the load fails with a one-line SettingsException and returns its message assert. */
  private static AbstractThrowableAssert<?, ? extends Throwable> failsOneLine(
      SettingsLoader loader, Path file) {
    return assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(SettingsException.class)
        .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain("\n", "\r"));
  }

  @Test
  void noFileAndNoEnvironmentGivesTheDefaults() {
    FlotillaSettings settings = loader().load(null);

    assertThat(settings).isEqualTo(FlotillaSettings.defaults());
    assertThat(settings.alerts().consecutiveFailures()).isEqualTo(3);
    assertThat(settings.alerts().email()).isNull();
    assertThat(settings.alerts().slack()).isNull();
    assertThat(settings.alerts().webhooks()).isEmpty();
    assertThat(settings.worker().httpPort()).isEqualTo(9464);
    assertThat(settings.worker().virtualThreads()).isTrue();
    assertThat(settings.worker().maxConcurrentActivities()).isEqualTo(200);
    assertThat(settings.worker().maxConcurrentWorkflowTasks()).isEqualTo(200);
    assertThat(settings.worker().workflowPollers()).isEqualTo(5);
    assertThat(settings.worker().activityPollers()).isEqualTo(5);
    assertThat(settings.worker().stickyCacheSize()).isEqualTo(600);
    assertThat(settings.worker().shutdownGraceSeconds()).isEqualTo(30);
    assertThat(settings.dev().temporalPort()).isEqualTo(7233);
    assertThat(settings.dev().postgresPort()).isEqualTo(54329);
    assertThat(settings.dev().dataDir()).isEqualTo(".flotilla/dev");
    assertThat(settings.database().url()).isNull();
    assertThat(settings.database().user()).isEqualTo("flotilla");
    assertThat(settings.database().passwordRef()).isEqualTo("env:FLOTILLA_DATABASE_PASSWORD");
    assertThat(settings.database().maxPoolSize()).isEqualTo(10);
    assertThat(settings.aws().region()).isEqualTo("us-east-1");
    assertThat(settings.aws().endpoint()).isNull();
    assertThat(settings.aws().regions()).containsExactly("us-east-1");
    assertThat(settings.approvers()).isEmpty();
    assertThat(settings.thresholds()).isEmpty();
  }

  @Test
  void anEmptyFileGivesTheDefaults() throws IOException {
    Path file = write("flotilla.yaml", "# nothing set yet\n");

    assertThat(loader().load(file)).isEqualTo(FlotillaSettings.defaults());
  }

  @Test
  void aFullFileBindsEveryValue() throws IOException {
    FlotillaSettings s = loader().load(write("flotilla.yaml", FULL_YAML));

    assertThat(s.database())
        .isEqualTo(
            new FlotillaSettings.Database(
                "jdbc:postgresql://db.internal:5432/flotilla",
                "flotilla_app",
                "file:/run/secrets/db-password",
                20));
    assertThat(s.aws())
        .isEqualTo(
            new FlotillaSettings.Aws(
                "eu-west-1", "http://localhost:4566", List.of("eu-west-1", "eu-central-1")));
    assertThat(s.alerts().consecutiveFailures()).isEqualTo(5);
    assertThat(s.alerts().email())
        .isEqualTo(
            new FlotillaSettings.Email(
                "smtp.internal",
                587,
                "flotilla@example.com",
                List.of("ops@example.com", "finops@example.com"),
                "env:SMTP_USER",
                "env:SMTP_PASSWORD"));
    assertThat(s.alerts().slack()).isEqualTo(new FlotillaSettings.Slack("env:SLACK_WEBHOOK_URL"));
    assertThat(s.alerts().webhooks())
        .containsExactly(
            new FlotillaSettings.Webhook(
                "pagerduty", "https://events.example.com/hook", "file:/run/secrets/pd"));
    assertThat(s.approvers())
        .containsOnly(
            Map.entry("production", List.of("alice", "bob")),
            Map.entry("staging", List.of("carol")));
    assertThat(s.thresholds())
        .containsOnly(
            Map.entry("ec2", Map.of("cpu_utilization_threshold", 5.0, "idle_days_threshold", 7.0)),
            Map.entry("rds", Map.of("cpu_utilization_threshold", 10.0)));
    assertThat(s.worker())
        .isEqualTo(new FlotillaSettings.Worker(false, 50, 40, 4, 6, 300, 15, 9000));
    assertThat(s.dev()).isEqualTo(new FlotillaSettings.Dev(17233, 15432, "/var/lib/flotilla-dev"));
  }

  @Test
  void regionsDefaultToTheSingleRegion() throws IOException {
    FlotillaSettings s = loader().load(write("flotilla.yaml", "aws: {region: ap-south-1}\n"));

    assertThat(s.aws().regions()).containsExactly("ap-south-1");
  }

  @Test
  void unknownTopLevelKeyIsRejectedNamingTheKeyAndTheKnownKeys() throws IOException {
    Path file = write("flotilla.yaml", "workers:\n  httpPort: 9000\n");

    failsOneLine(loader(), file)
        .hasMessageContaining("flotilla.yaml")
        .hasMessageContaining("unknown key 'workers'")
        .hasMessageContaining(
            "known keys there: alerts, approvers, aws, database, dev, sample, thresholds, worker");
  }

  @Test
  void unknownNestedKeyIsRejectedNamingTheFullPath() throws IOException {
    Path file = write("flotilla.yaml", "worker: {maxConcurentActivities: 5}\n");

    failsOneLine(loader(), file)
        .hasMessageContaining("unknown key 'worker.maxConcurentActivities'")
        .hasMessageContaining("maxConcurrentActivities")
        .hasMessageContaining("httpPort");
  }

  @Test
  void unknownKeyInsideAListItemNamesTheIndex() throws IOException {
    Path file =
        write(
            "flotilla.yaml",
            """
            alerts:
              webhooks:
                - name: ops
                  url: https://example.com/hook
                  secret: env:HOOK
            """);

    failsOneLine(loader(), file)
        .hasMessageContaining("unknown key 'alerts.webhooks[0].secret'")
        .hasMessageContaining("secretRef");
  }

  @Test
  void nonNumericPortIsRejectedNamingTheKey() throws IOException {
    Path file = write("flotilla.yaml", "worker: {httpPort: abc}\n");

    failsOneLine(loader(), file)
        .hasMessageContaining("bad value for 'worker.httpPort'")
        .hasMessageContaining("abc")
        .hasMessageNotContaining("java.lang");
  }

  @Test
  void portOutOfRangeIsRejectedNamingTheKey() throws IOException {
    Path file = write("flotilla.yaml", "dev: {temporalPort: 70000}\n");

    failsOneLine(loader(), file).hasMessageContaining("bad value for 'dev.temporalPort': 70000");
  }

  @Test
  void zeroConsecutiveFailuresIsRejectedNamingTheKey() throws IOException {
    Path file = write("flotilla.yaml", "alerts: {consecutiveFailures: 0}\n");

    failsOneLine(loader(), file)
        .hasMessageContaining("bad value for 'alerts.consecutiveFailures': 0")
        .hasMessageContaining("1 or more");
  }

  @Test
  void nonPostgresDatabaseUrlIsRejectedNamingTheKey() throws IOException {
    Path file = write("flotilla.yaml", "database: {url: mysql://x}\n");

    failsOneLine(loader(), file)
        .hasMessageContaining("bad value for 'database.url'")
        .hasMessageContaining("jdbc:postgresql://");
  }

  @Test
  void awsEndpointWithoutSchemeIsRejectedNamingTheKey() throws IOException {
    Path file = write("flotilla.yaml", "aws: {endpoint: 'localhost:4566'}\n");

    failsOneLine(loader(), file).hasMessageContaining("bad value for 'aws.endpoint'");
  }

  @Test
  void webhookWithoutHttpUrlIsRejectedNamingTheItem() throws IOException {
    Path file =
        write(
            "flotilla.yaml",
            """
            alerts:
              webhooks:
                - name: ok
                  url: https://example.com/a
                - name: broken
                  url: example.com/b
            """);

    failsOneLine(loader(), file).hasMessageContaining("bad value for 'alerts.webhooks[1].url'");
  }

  @Test
  void webhookWithNoUrlAtAllIsRejectedNamingTheItem() throws IOException {
    Path file = write("flotilla.yaml", "alerts: {webhooks: [{name: ops}]}\n");

    failsOneLine(loader(), file).hasMessageContaining("'alerts.webhooks[0].url'");
  }

  @Test
  void emailWithoutSmtpHostIsRejectedNamingTheKey() throws IOException {
    Path file = write("flotilla.yaml", "alerts: {email: {from: a@example.com}}\n");

    failsOneLine(loader(), file).hasMessageContaining("'alerts.email.smtpHost'");
  }

  @Test
  void approverScopeWithAnEmptyListIsRejectedNamingTheScope() throws IOException {
    Path file = write("flotilla.yaml", "approvers:\n  production: []\n  staging: [carol]\n");

    failsOneLine(loader(), file)
        .hasMessageContaining("'approvers.production'")
        .hasMessageContaining("lists nobody");
  }

  @Test
  void approverScopeWithNoValueIsRejectedNamingTheScope() throws IOException {
    Path file = write("flotilla.yaml", "approvers:\n  production:\n  staging: [carol]\n");

    failsOneLine(loader(), file)
        .hasMessageContaining("'approvers.production'")
        .hasMessageContaining("lists nobody");
  }

  @Test
  void thresholdServiceWithNoValueIsRejectedNamingTheService() throws IOException {
    Path file = write("flotilla.yaml", "thresholds:\n  ec2:\n");

    failsOneLine(loader(), file).hasMessageContaining("'thresholds.ec2' is empty");
  }

  @Test
  void emptyWebhookItemIsRejectedNamingTheItem() throws IOException {
    Path file = write("flotilla.yaml", "alerts:\n  webhooks:\n    -\n");

    failsOneLine(loader(), file).hasMessageContaining("'alerts.webhooks[0]' is empty");
  }

  @Test
  void emptyEmailRecipientIsRejectedNamingTheItem() throws IOException {
    Path file =
        write(
            "flotilla.yaml",
            "alerts:\n  email:\n    smtpHost: smtp.example.com\n    to:\n      - ops@example.com\n      -\n");

    failsOneLine(loader(), file).hasMessageContaining("'alerts.email.to[1]' is empty");
  }

  @Test
  void malformedYamlIsRejectedWithTheLineNumber() throws IOException {
    Path file =
        write(
            "flotilla.yaml",
            """
            worker:
              httpPort: 9000
              maxConcurrentActivities: [1, 2
            dev:
              temporalPort: 7233
            """);

    failsOneLine(loader(), file)
        .hasMessageContaining("flotilla.yaml")
        .hasMessageContaining("not valid YAML at line 4")
        .hasMessageContaining("expected ',' or ']'");
  }

  @Test
  void badIndentationIsRejectedWithTheLineNumber() throws IOException {
    Path file =
        write(
            "flotilla.yaml",
            """
            worker:
              httpPort: 9000
               activityPollers: 3
            """);

    failsOneLine(loader(), file).hasMessageContaining("not valid YAML at line 3");
  }

  @Test
  void topLevelThatIsNotAMappingIsRejected() throws IOException {
    Path file = write("flotilla.yaml", "- worker\n- dev\n");

    failsOneLine(loader(), file).hasMessageContaining("top level must be a mapping");
  }

  @Test
  void environmentOverrideWinsOverTheFile() throws IOException {
    Path file =
        write("flotilla.yaml", "worker:\n  maxConcurrentActivities: 50\n  httpPort: 9000\n");
    SettingsLoader loader =
        new SettingsLoader(Map.of("FLOTILLA_WORKER_MAX_CONCURRENT_ACTIVITIES", "7"));

    FlotillaSettings s = loader.load(file);

    assertThat(s.worker().maxConcurrentActivities()).isEqualTo(7);
    assertThat(s.worker().httpPort()).isEqualTo(9000);
  }

  @Test
  void environmentOverrideAppliesWithoutAFile() {
    SettingsLoader loader =
        new SettingsLoader(
            Map.of(
                "FLOTILLA_AWS_REGION", "eu-north-1",
                "FLOTILLA_WORKER_VIRTUAL_THREADS", "false",
                "FLOTILLA_ALERTS_SLACK_WEBHOOK_URL_REF", "env:SLACK_URL"));

    FlotillaSettings s = loader.load(null);

    assertThat(s.aws().region()).isEqualTo("eu-north-1");
    assertThat(s.aws().regions()).containsExactly("eu-north-1");
    assertThat(s.worker().virtualThreads()).isFalse();
    assertThat(s.alerts().slack().webhookUrlRef()).isEqualTo("env:SLACK_URL");
  }

  @Test
  void awsRegionFromTheEnvironmentReplacesTheFileRegion() throws IOException {
    Path file = write("flotilla.yaml", "aws:\n  region: eu-west-1\n  endpoint: http://ls:4566\n");

    FlotillaSettings s = new SettingsLoader(Map.of("FLOTILLA_AWS_REGION", "us-west-2")).load(file);

    assertThat(s.aws().region()).isEqualTo("us-west-2");
    assertThat(s.aws().endpoint()).isEqualTo("http://ls:4566");
  }

  @Test
  void unrelatedEnvironmentVariablesAreIgnored() {
    SettingsLoader loader =
        new SettingsLoader(Map.of("PATH", "/usr/bin", "FLOTILLA_DATABASE_PASSWORD", "hunter2"));

    assertThat(loader.load(null)).isEqualTo(FlotillaSettings.defaults());
  }

  @Test
  void everyScalarSettingHasAnEnvironmentName() {
    assertThat(SettingsLoader.environmentNames())
        .containsEntry(
            "FLOTILLA_WORKER_MAX_CONCURRENT_ACTIVITIES",
            List.of("worker", "maxConcurrentActivities"))
        .containsEntry("FLOTILLA_AWS_REGION", List.of("aws", "region"))
        .containsEntry("FLOTILLA_DATABASE_PASSWORD_REF", List.of("database", "passwordRef"))
        .containsEntry("FLOTILLA_ALERTS_EMAIL_SMTP_HOST", List.of("alerts", "email", "smtpHost"))
        .containsEntry("FLOTILLA_DEV_TEMPORAL_PORT", List.of("dev", "temporalPort"))
        .doesNotContainKeys("FLOTILLA_APPROVERS", "FLOTILLA_AWS_REGIONS", "FLOTILLA_THRESHOLDS");
  }

  @Test
  void environmentOverrideWithABadValueIsRejectedNamingTheKey() {
    SettingsLoader loader = new SettingsLoader(Map.of("FLOTILLA_WORKER_HTTP_PORT", "x"));

    failsOneLine(loader, null).hasMessageContaining("'worker.httpPort'");
  }

  @Test
  void configFileFromTheEnvironmentIsUsed() throws IOException {
    Path file = write("elsewhere.yaml", "worker: {httpPort: 9100}\n");
    SettingsLoader loader = new SettingsLoader(Map.of("FLOTILLA_CONFIG", file.toString()));

    assertThat(loader.load(null).worker().httpPort()).isEqualTo(9100);
  }

  @Test
  void explicitFileWinsOverTheConfigFileFromTheEnvironment() throws IOException {
    Path fromEnv = write("env.yaml", "worker: {httpPort: 9100}\n");
    Path explicit = write("explicit.yaml", "worker: {httpPort: 9200}\n");
    SettingsLoader loader = new SettingsLoader(Map.of("FLOTILLA_CONFIG", fromEnv.toString()));

    assertThat(loader.load(explicit).worker().httpPort()).isEqualTo(9200);
  }

  @Test
  void missingConfigFileFromTheEnvironmentIsAClearError() {
    Path missing = dir.resolve("nope.yaml");
    SettingsLoader loader = new SettingsLoader(Map.of("FLOTILLA_CONFIG", missing.toString()));

    failsOneLine(loader, null)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("FLOTILLA_CONFIG")
        .hasMessageContaining("does not exist");
  }

  @Test
  void missingExplicitConfigFileIsAClearError() {
    Path missing = dir.resolve("nope.yaml");

    failsOneLine(loader(), missing)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist")
        .hasMessageContaining("--config");
  }

  @Test
  void aDirectoryIsNotAConfigFile() {
    failsOneLine(loader(), dir).hasMessageContaining("does not exist");
  }
}
