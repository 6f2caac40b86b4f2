package dev.flotilla.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.approval.ApprovalNotices;
import dev.flotilla.approval.ApprovalRequest;
import dev.flotilla.settings.FlotillaSettings;
import dev.flotilla.settings.SecretRef;
import dev.flotilla.store.FlotillaDatabase;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Slack and webhook deliveries against a real local HTTP server, recorded in PostgreSQL. */
class AlertActivitiesImplTest {
  private static final String SLACK_PATH = "/services/T000/B000/xoxb-slack-secret";
  private static final String HOOK_PATH = "/hooks/flotilla";
  private static final String HOOK_SECRET = "hook-s3cret-value";

  private static final Alert ALERT =
      new Alert(
          "ScanEc2:optimization/aws:123#7",
          "ScanEc2:optimization/aws:123",
          3,
          "AccessDenied: not authorized",
          Instant.parse("2026-11-26T10:00:00Z"));

  private static AlertingDatabase postgres;
  private DeliveryServer server;
  private FlotillaDatabase db;
  private AlertActivitiesImpl activities;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = AlertingDatabase.start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @BeforeEach
  void slackAndAWebhookOnALocalServer() throws Exception {
    server = DeliveryServer.start();
    db = postgres.fresh();
    SecretRef secrets =
        new SecretRef(
            Map.of("SLACK_WEBHOOK_URL", server.url(SLACK_PATH), "PAGER_TOKEN", HOOK_SECRET));
    FlotillaSettings.Alerts settings =
        new FlotillaSettings.Alerts(
            3,
            null,
            new FlotillaSettings.Slack("env:SLACK_WEBHOOK_URL"),
            List.of(
                new FlotillaSettings.Webhook("pager", server.url(HOOK_PATH), "env:PAGER_TOKEN")));
    activities = AlertActivitiesImpl.fromSettings(settings, secrets, db.dataSource());
  }

  @AfterEach
  void stop() {
    server.close();
    db.close();
  }

  @Test
  void eachChannelGetsTheAlertOnceEvenWhenTheActivityRunsAgain() throws Exception {
    DeliveryReport first = activities.deliver(ALERT);
    DeliveryReport again = activities.deliver(ALERT);

    assertThat(first.deliveries())
        .containsExactly(
            new AlertDelivery("slack", AlertDelivery.Status.DELIVERED, 1, null),
            new AlertDelivery("webhook:pager", AlertDelivery.Status.DELIVERED, 1, null));
    assertThat(again.deliveries())
        .extracting(AlertDelivery::status)
        .containsOnly(AlertDelivery.Status.ALREADY_DELIVERED);
    assertThat(server.to(SLACK_PATH)).hasSize(1);
    assertThat(server.to(HOOK_PATH)).hasSize(1);
    assertThat(AlertingDatabase.row(db, ALERT.incidentId(), "webhook:pager"))
        .isEqualTo("DELIVERED attempts=1 delivered=true");
  }

  @Test
  void anApprovalReminderAndItsEscalationReachTheChannelsOnceEach() throws Exception {
    ApprovalRequest request =
        new ApprovalRequest(
            "approval/aws:123456789012/us-east-1/all/abcd1234/0",
            "cycle-1",
            "optimization-cycle/aws:123456789012/us-east-1/all",
            "aws:123456789012/us-east-1/all",
            0,
            12,
            345.6,
            List.of("alice"),
            24,
            72,
            true);

    activities.send(ApprovalNotices.of(request, false, request.approvers()));
    activities.send(ApprovalNotices.of(request, false, request.approvers()));
    activities.send(ApprovalNotices.of(request, true, request.approvers()));

    assertThat(server.to(HOOK_PATH)).hasSize(2);
    assertThat(server.to(HOOK_PATH).get(0).header("Idempotency-Key"))
        .isEqualTo(request.approvalId() + ":reminder:webhook:pager");
    JsonNode escalation = new ObjectMapper().readTree(server.to(HOOK_PATH).get(1).body());
    assertThat(escalation.get("kind").asText()).isEqualTo("approval-escalation");
    assertThat(
            new ObjectMapper().readTree(server.to(SLACK_PATH).get(0).body()).get("text").asText())
        .contains("approval waiting: 12 recommendations")
        .contains("flotilla approve " + request.approvalId());
  }

  @Test
  void slackGetsATextMessageNamingTheOperation() throws Exception {
    activities.deliver(ALERT);

    JsonNode message = new ObjectMapper().readTree(server.to(SLACK_PATH).get(0).body());
    assertThat(message.fieldNames()).toIterable().containsExactly("text");
    assertThat(message.get("text").asText())
        .contains("ScanEc2:optimization/aws:123 failed 3 times in a row")
        .contains("ScanEc2:optimization/aws:123#7")
        .contains("AccessDenied: not authorized");
  }

  @Test
  void theWebhookGetsTheAlertAsJsonWithAnIdempotencyKeyAndASignatureButNoSecret() throws Exception {
    activities.deliver(ALERT);

    DeliveryServer.Received hook = server.to(HOOK_PATH).get(0);
    assertThat(hook.header("Idempotency-Key"))
        .isEqualTo("ScanEc2:optimization/aws:123#7:webhook:pager");
    assertThat(hook.header("Content-Type")).isEqualTo("application/json");
    JsonNode alert = new ObjectMapper().readTree(hook.body());
    assertThat(alert.get("incidentId").asText()).isEqualTo(ALERT.incidentId());
    assertThat(alert.get("consecutiveFailures").asInt()).isEqualTo(3);
    assertThat(alert.get("openedAt").asText()).isEqualTo("2026-11-26T10:00:00Z");
    assertThat(hook.header(WebhookChannel.SIGNATURE_HEADER))
        .isEqualTo("sha256=" + WebhookChannel.hmacSha256(HOOK_SECRET, hook.body()));
    assertThat(hook.body() + hook.headers()).doesNotContain(HOOK_SECRET);
  }

  @Test
  void aChannelAnswering500FailsTheAttemptAndOnlyThatChannelIsSentAgain() throws Exception {
    server.answer(SLACK_PATH, 500);

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> activities.deliver(ALERT));

    assertThat(failure.getType()).isEqualTo(AlertActivitiesImpl.DELIVERY_INCOMPLETE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage())
        .contains("slack failed (slack did not take the alert: HTTP 500)")
        .contains("webhook:pager delivered")
        .doesNotContain("xoxb-slack-secret")
        .doesNotContain(HOOK_SECRET);

    DeliveryReport retried = activities.deliver(ALERT);

    assertThat(retried.deliveries())
        .containsExactly(
            new AlertDelivery("slack", AlertDelivery.Status.DELIVERED, 2, null),
            new AlertDelivery("webhook:pager", AlertDelivery.Status.ALREADY_DELIVERED, 0, null));
    assertThat(server.to(SLACK_PATH))
        .extracting(DeliveryServer.Received::answeredWith)
        .containsExactly(500, 200);
    assertThat(server.deliveredTo(HOOK_PATH)).isEqualTo(1);
    assertThat(AlertingDatabase.row(db, ALERT.incidentId(), "slack"))
        .isEqualTo("DELIVERED attempts=2 delivered=true");
  }

  @Test
  void tooManyRequestsIsWorthARetry() {
    server.answer(HOOK_PATH, 429);

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> activities.deliver(ALERT));

    assertThat(failure.getType()).isEqualTo(AlertActivitiesImpl.DELIVERY_INCOMPLETE);
    assertThat(failure.isNonRetryable()).isFalse();
  }

  @Test
  void aChannelAnswering400FailsForGoodWithATypedFailureAndIsNotSentAgain() throws Exception {
    server.answer(HOOK_PATH, 400);

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> activities.deliver(ALERT));

    assertThat(failure.getType()).isEqualTo("AlertChannelRejected");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("webhook:pager rejected (webhook:pager refused the alert: HTTP 400)");

    catchThrowableOfType(ApplicationFailure.class, () -> activities.deliver(ALERT));
    assertThat(server.to(HOOK_PATH)).hasSize(1);
    assertThat(server.to(SLACK_PATH)).hasSize(1);
    assertThat(AlertingDatabase.row(db, ALERT.incidentId(), "webhook:pager"))
        .isEqualTo("REJECTED attempts=1 delivered=false");
  }

  @Test
  void anUnreachableChannelIsWorthARetryAndItsErrorNamesNoUrl() throws Exception {
    int port = server.url("/").replaceAll(".*:(\\d+)/", "$1").transform(Integer::parseInt);
    server.close();

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> activities.deliver(ALERT));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage())
        .contains("slack failed (slack: ConnectException)")
        .doesNotContain(String.valueOf(port))
        .doesNotContain("xoxb");
  }

  @Test
  void withNoChannelConfiguredTheAlertIsOnlyInTheHistory() throws SQLException {
    AlertActivitiesImpl none =
        AlertActivitiesImpl.fromSettings(
            new FlotillaSettings.Alerts(3, null, null, null),
            new SecretRef(Map.of()),
            db.dataSource());

    assertThat(none.deliver(ALERT).deliveries()).isEmpty();
  }

  @Test
  void aMissingSecretFailsTheChannelAndNamesOnlyTheReference() {
    AlertActivitiesImpl unset =
        AlertActivitiesImpl.fromSettings(
            new FlotillaSettings.Alerts(
                3, null, new FlotillaSettings.Slack("env:SLACK_WEBHOOK_URL"), null),
            new SecretRef(Map.of()),
            db.dataSource());

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> unset.deliver(ALERT));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("secret env:SLACK_WEBHOOK_URL is not set");
  }
}
