package dev.flotilla.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flotilla.common.ActivityPresets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ComponentBreakersTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-11-26T06:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final ComponentBreakers breakers =
      new ComponentBreakers(
          new ComponentBreakers.Settings(3, 50f, Duration.ofSeconds(30), Duration.ofSeconds(15)),
          clock,
          new SimpleMeterRegistry());

  private void fail(String component) {
    try {
      breakers.call(
          component,
          () -> {
            throw new IllegalStateException("connection refused");
          });
    } catch (IllegalStateException expected) {
      // counted, or not, by the breaker
    }
  }

  @Test
  void failuresOfAStartingComponentDoNotOpenItsBreaker() {
    breakers.started("web");
    fail("web");
    fail("web");
    fail("web");

    assertThat(breakers.states().get(0).state()).isEqualTo("CLOSED");
    assertThat(breakers.states().get(0).bufferedCalls()).isZero();
  }

  @Test
  void anOpenBreakerRefusesWithItsRemainingOpenTimeThenLetsOneProbeThrough() {
    fail("db");
    fail("db");
    fail("db");
    clock.now = clock.now.plusSeconds(10);

    ApplicationFailure refused =
        catchThrowableOfType(ApplicationFailure.class, () -> breakers.call("db", () -> "ok"));

    assertThat(refused.getType()).isEqualTo(ActivityPresets.COMPONENT_CIRCUIT_OPEN);
    assertThat(refused.isNonRetryable()).isFalse();
    assertThat(refused.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(20));
    assertThat(breakers.states().get(0).remainingOpenMillis()).isEqualTo(20_000);

    // The breaker lets the probe through strictly after its open time.
    clock.now = clock.now.plusSeconds(20).plusMillis(1);
    assertThat(breakers.call("db", () -> "ok")).isEqualTo("ok");
    assertThat(breakers.states().get(0).state()).isEqualTo("CLOSED");
    assertThat(breakers.states().get(0).notPermittedCalls()).isEqualTo(1);
  }

  @Test
  void aRefusalByTheRuntimeIsNotAFaultOfTheComponent() {
    for (int i = 0; i < 5; i++) {
      try {
        breakers.call(
            "ghost",
            () -> {
              throw ComponentRuntimeException.notDeployed("ghost");
            });
      } catch (ComponentRuntimeException expected) {
        // passed through
      }
    }
    assertThat(breakers.states().get(0).state()).isEqualTo("CLOSED");
  }
}
