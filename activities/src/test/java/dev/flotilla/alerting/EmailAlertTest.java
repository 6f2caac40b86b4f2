package dev.flotilla.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.flotilla.settings.FlotillaSettings;
import dev.flotilla.settings.SecretRef;
import dev.flotilla.store.FlotillaDatabase;
import io.temporal.failure.ApplicationFailure;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Email alerts over SMTP to a real GreenMail server, with a login from a secret reference. */
class EmailAlertTest {
  private static final String PASSWORD = "smtp-s3cret-pw";

  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(
              GreenMailConfiguration.aConfig()
                  .withUser("flotilla@example.com", "alerts", PASSWORD));

  private static final Alert ALERT =
      new Alert(
          "Compose:hello/ops#2",
          "Compose:hello/ops",
          3,
          "IllegalStateException: boom",
          Instant.parse("2026-11-26T10:00:00Z"));

  private static AlertingDatabase postgres;
  private FlotillaDatabase db;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = AlertingDatabase.start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @BeforeEach
  void freshDatabase() throws Exception {
    db = postgres.fresh();
  }

  @AfterEach
  void closeDatabase() {
    db.close();
  }

  private AlertActivitiesImpl emailingWith(String password) {
    FlotillaSettings.Email email =
        new FlotillaSettings.Email(
            "127.0.0.1",
            smtp.getSmtp().getPort(),
            "flotilla@example.com",
            List.of("ops@example.com", "oncall@example.com"),
            "env:SMTP_USER",
            "env:SMTP_PASSWORD");
    SecretRef secrets = new SecretRef(Map.of("SMTP_USER", "alerts", "SMTP_PASSWORD", password));
    return AlertActivitiesImpl.fromSettings(
        new FlotillaSettings.Alerts(3, email, null, null), secrets, db.dataSource());
  }

  @Test
  void theAlertArrivesOnceWithSubjectAndBodyNamingTheOperationAndNoSecret() throws Exception {
    AlertActivitiesImpl activities = emailingWith(PASSWORD);

    DeliveryReport report = activities.deliver(ALERT);
    activities.deliver(ALERT);

    assertThat(report.deliveries())
        .containsExactly(new AlertDelivery("email", AlertDelivery.Status.DELIVERED, 1, null));
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(2); // one message, one copy per recipient
    assertThat(received[0].getSubject())
        .isEqualTo("[Flotilla] Compose:hello/ops failed 3 times in a row");
    String body = GreenMailUtil.getBody(received[0]);
    assertThat(body)
        .contains("Compose:hello/ops#2")
        .contains("IllegalStateException: boom")
        .doesNotContain(PASSWORD);
    assertThat(GreenMailUtil.getWholeMessage(received[0])).doesNotContain(PASSWORD);
  }

  @Test
  void aRefusedLoginFailsForGoodWithoutTheSecretInTheFailure() {
    AlertActivitiesImpl activities = emailingWith("not-the-password");

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> activities.deliver(ALERT));

    assertThat(failure.getType()).isEqualTo("AlertChannelRejected");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("the SMTP server refused the login")
        .doesNotContain("not-the-password");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void aNoticeForAPersonGoesToThemInsteadOfTheOperatorsOnce() throws Exception {
    AlertActivitiesImpl activities = emailingWith(PASSWORD);
    Notice notice =
        new Notice(
            "sync:sync/alice@example.com/orders@run-1:completed",
            "[Flotilla] sync sync/alice@example.com/orders completed: 98 records committed",
            "Records:     100 extracted, 2 quarantined, 98 committed",
            Map.of(),
            List.of("alice@example.com"));

    activities.send(notice);
    activities.send(notice); // an activity retry

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("alice@example.com");
    assertThat(GreenMailUtil.getBody(received[0])).contains("98 committed");
  }
}
