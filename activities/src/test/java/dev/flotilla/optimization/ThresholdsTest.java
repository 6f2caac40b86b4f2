package dev.flotilla.optimization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

  @Test
  void settingsBlockInTheSeedShapeIsReadAsIs() {
    Thresholds thresholds = Fixtures.seedThresholds();

    assertThat(thresholds.services()).containsOnlyKeys("ec2", "rds");
    assertThat(thresholds.value("ec2", Thresholds.CPU_UTILIZATION)).isEqualTo(5.0);
    assertThat(thresholds.value("ec2", Thresholds.IDLE_DAYS)).isEqualTo(7.0);
    assertThat(thresholds.value("rds", Thresholds.CPU_UTILIZATION)).isEqualTo(10.0);
    assertThat(thresholds.value("rds", Thresholds.CONNECTION_UTILIZATION)).isEqualTo(20.0);
  }

  @Test
  void namesTheSettingsLeaveOutFallBackToDefaults() {
    Thresholds thresholds = Fixtures.seedThresholds();

    assertThat(thresholds.value("ebs", Thresholds.UNATTACHED_DAYS)).isEqualTo(7.0);
    assertThat(thresholds.value("ebs", Thresholds.SNAPSHOT_AGE_DAYS)).isEqualTo(90.0);
    assertThat(thresholds.value("lambda", Thresholds.INVOCATIONS_PER_DAY)).isEqualTo(1.0);
    assertThat(thresholds.value("elb", Thresholds.REQUESTS_PER_DAY)).isEqualTo(10.0);
    assertThat(thresholds.value("s3", Thresholds.LIFECYCLE_AGE_DAYS)).isEqualTo(30.0);
    assertThat(thresholds.value("rds", Thresholds.IDLE_DAYS)).isEqualTo(7.0);
  }

  @Test
  void defaultsAgreeWithTheSeedSettings() {
    Thresholds defaults = Thresholds.defaults();
    Thresholds seed = Fixtures.seedThresholds();

    seed.services()
        .forEach(
            (service, values) ->
                values.forEach(
                    (key, value) -> assertThat(defaults.value(service, key)).isEqualTo(value)));
  }

  @Test
  void mergeReplacesOnlyTheValuesTheOverrideGives() {
    Thresholds merged =
        Thresholds.defaults()
            .merge(new Thresholds(Map.of("ec2", Map.of(Thresholds.CPU_UTILIZATION, 2.5))));

    assertThat(merged.value("ec2", Thresholds.CPU_UTILIZATION)).isEqualTo(2.5);
    assertThat(merged.value("ec2", Thresholds.IDLE_DAYS)).isEqualTo(7.0);
    assertThat(merged.value("rds", Thresholds.CPU_UTILIZATION)).isEqualTo(10.0);
    assertThat(Thresholds.defaults().value("ec2", Thresholds.CPU_UTILIZATION)).isEqualTo(5.0);
  }

  @Test
  void unknownThresholdIsRefusedWithItsSettingsPath() {
    assertThatThrownBy(() -> Thresholds.defaults().value("ec2", "memory_threshold"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no threshold thresholds.ec2.memory_threshold");
  }
}
