package dev.flotilla.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretRefTest {

  private static final String SECRET = "s3cr3t-Value-42";

  @TempDir Path dir;

  private final SecretRef secrets =
      new SecretRef(Map.of("SLACK_WEBHOOK_URL", SECRET, "OTHER_SECRET", "other-" + SECRET));

  @Test
  void envReferenceResolvesToTheVariable() {
    assertThat(secrets.resolve("env:SLACK_WEBHOOK_URL")).isEqualTo(SECRET);
  }

  @Test
  void missingEnvReferenceNamesTheReferenceButNoSecret() {
    assertThatThrownBy(() -> secrets.resolve("env:MISSING"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("env:MISSING")
        .hasMessageContaining("export MISSING")
        .hasMessageNotContaining(SECRET)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void fileReferenceResolvesToTheContentWithoutTheTrailingNewline() throws IOException {
    Path file = dir.resolve("token");
    Files.writeString(file, SECRET + "\n");

    assertThat(secrets.resolve("file:" + file)).isEqualTo(SECRET);
  }

  @Test
  void unreadableFileReferenceNamesTheReference() {
    Path missing = dir.resolve("absent");

    assertThatThrownBy(() -> secrets.resolve("file:" + missing))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("file:" + missing)
        .hasMessageContaining("cannot be read")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void pastedTokenWithoutSchemeIsRejectedWithoutEchoingIt() {
    assertThatThrownBy(() -> secrets.resolve("xoxb-123"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("env:NAME or file:/path")
        .hasMessageNotContaining("xoxb-123");
  }

  @Test
  void pastedWebhookUrlIsRejectedWithoutEchoingIt() {
    String pasted = "https://hooks.slack.com/services/T000/B000/XXXXSECRET";

    assertThatThrownBy(() -> secrets.resolve(pasted))
        .isInstanceOf(SettingsException.class)
        .hasMessageNotContaining("XXXXSECRET")
        .hasMessageNotContaining("hooks.slack.com");
  }

  @Test
  void emptyReferenceIsRejected() {
    assertThatThrownBy(() -> secrets.resolve(" "))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> secrets.resolve(null)).isInstanceOf(SettingsException.class);
  }

  @Test
  void resolveIfSetIsEmptyWhenTheReferenceNamesNothingSet() {
    assertThat(secrets.resolveIfSet("env:MISSING")).isEmpty();
    assertThat(secrets.resolveIfSet("file:" + dir.resolve("absent"))).isEmpty();
    assertThat(secrets.resolveIfSet(null)).isEmpty();
  }

  @Test
  void resolveIfSetHasTheValueWhenSet() {
    assertThat(secrets.resolveIfSet("env:SLACK_WEBHOOK_URL")).contains(SECRET);
  }
}
