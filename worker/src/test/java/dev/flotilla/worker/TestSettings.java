package dev.flotilla.worker;

import dev.flotilla.settings.FlotillaSettings;
import dev.flotilla.settings.SettingsLoader;
import java.util.List;
import java.util.Map;

/** Settings as a test worker needs them: defaults, with the ops port chosen by the test. */
final class TestSettings {
  private TestSettings() {}

  static FlotillaSettings withHttpPort(int port) {
    return new SettingsLoader(Map.of("FLOTILLA_WORKER_HTTP_PORT", String.valueOf(port))).load(null);
  }

  /** Defaults plus approvers for one scope, as a flotilla.yaml would name them. */
  static FlotillaSettings withApprovers(String scopeKey, List<String> approvers) {
    return withHttpPort(0).withApprovers(Map.of(scopeKey, approvers));
  }
}
