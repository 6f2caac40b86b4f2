package dev.flotilla.component;

import dev.flotilla.common.ActivityPresets;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One circuit breaker per managed component, shared by every workflow this worker serves (one
 * instance per worker process). While a breaker is open, calls fail at once with a retryable {@code
 * ComponentCircuitOpen} whose next-retry delay is the breaker's remaining open time, so Temporal's
 * retry does the waiting; the first attempt after that is the half-open probe.
 *
 * <p>Metrics: {@code flotilla_component_breaker_state{component, state}} (1 for the current state,
 * 0 for the others) and {@code flotilla_component_breaker_not_permitted{component}}.
 */
public final class ComponentBreakers {

  /**
   * How a breaker opens and for how long.
   *
   * @param minimumCalls calls in the window before the failure rate counts
   * @param failureRatePercent the rate at which the breaker opens
   * @param openFor how long it stays open before a half-open probe
   * @param startupGrace how long after the runtime (re)started a component its failures do not
   *     count: a starting process is expected to refuse connections for a moment
   */
  public record Settings(
      int minimumCalls, float failureRatePercent, Duration openFor, Duration startupGrace) {
    public static Settings defaults() {
      return new Settings(3, 50f, Duration.ofSeconds(30), Duration.ofSeconds(15));
    }
  }

  /** When a half-open breaker's probe is still out, others wait about this long. */
  private static final Duration HALF_OPEN_RETRY = Duration.ofSeconds(1);

  private final CircuitBreakerRegistry registry;
  private final Clock clock;
  private final Settings settings;
  private final MeterRegistry meters;
  private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();
  private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> notPermitted = new ConcurrentHashMap<>();

  /**
   * @param clock the breakers' time; tests pass the workflow test environment's skipped clock
   */
  public ComponentBreakers(Settings settings, Clock clock, MeterRegistry meters) {
    this.settings = settings;
    this.clock = clock;
    this.meters = meters;
    this.registry =
        CircuitBreakerRegistry.of(
            CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .clock(clock)
                .build());
  }

  /**
   * Runs {@code call} through the component's breaker. A {@link ComponentRuntimeException} (a
   * refusal, not a fault of the component) leaves the breaker as it was.
   *
   * @throws ApplicationFailure of type {@code ComponentCircuitOpen} when the breaker is open
   */
  public <T> T call(String component, Supplier<T> call) {
    CircuitBreaker breaker = breaker(component);
    if (!breaker.tryAcquirePermission()) {
      notPermitted.merge(component, 1L, Long::sum);
      Duration wait = remainingOpen(component, breaker);
      throw ApplicationFailure.newBuilder()
          .setType(ActivityPresets.COMPONENT_CIRCUIT_OPEN)
          .setMessage(
              "circuit breaker of component "
                  + component
                  + " is "
                  + breaker.getState()
                  + "; next try in "
                  + wait.toMillis()
                  + " ms")
          .setNextRetryDelay(wait)
          .setCategory(ApplicationErrorCategory.BENIGN)
          .build();
    }
    long start = clock.millis();
    try {
      T result = call.get();
      breaker.onSuccess(clock.millis() - start, TimeUnit.MILLISECONDS);
      return result;
    } catch (ComponentRuntimeException e) {
      breaker.releasePermission();
      throw e;
    } catch (RuntimeException e) {
      if (starting(component)) {
        breaker.releasePermission();
      } else {
        breaker.onError(clock.millis() - start, TimeUnit.MILLISECONDS, e);
      }
      throw e;
    }
  }

  /** The runtime has just started (some of) the component's processes: its grace begins. */
  public void started(String component) {
    startedAt.put(component, clock.instant());
  }

  private boolean starting(String component) {
    Instant started = startedAt.get(component);
    return started != null
        && Duration.between(started, clock.instant()).compareTo(settings.startupGrace()) < 0;
  }

  public List<BreakerState> states() {
    return registry.getAllCircuitBreakers().stream()
        .sorted(Comparator.comparing(CircuitBreaker::getName))
        .map(this::state)
        .toList();
  }

  private BreakerState state(CircuitBreaker breaker) {
    CircuitBreaker.Metrics metrics = breaker.getMetrics();
    boolean open = breaker.getState() == CircuitBreaker.State.OPEN;
    return new BreakerState(
        breaker.getName(),
        breaker.getState().name(),
        metrics.getFailureRate(),
        metrics.getNumberOfBufferedCalls(),
        metrics.getNumberOfFailedCalls(),
        notPermitted.getOrDefault(breaker.getName(), 0L),
        open ? remainingOpen(breaker.getName(), breaker).toMillis() : 0);
  }

  private Duration remainingOpen(String component, CircuitBreaker breaker) {
    if (breaker.getState() != CircuitBreaker.State.OPEN) {
      return HALF_OPEN_RETRY;
    }
    Instant opened = openedAt.getOrDefault(component, clock.instant());
    Duration left = settings.openFor().minus(Duration.between(opened, clock.instant()));
    // Never zero: a zero delay would mean "use the retry policy's backoff" to Temporal.
    return left.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : left;
  }

  private CircuitBreaker breaker(String component) {
    return registry
        .find(component)
        .orElseGet(
            () -> {
              synchronized (this) {
                return registry.find(component).orElseGet(() -> create(component));
              }
            });
  }

  private CircuitBreaker create(String component) {
    CircuitBreaker breaker = registry.circuitBreaker(component);
    breaker
        .getEventPublisher()
        .onStateTransition(
            event -> {
              if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openedAt.put(component, clock.instant());
              }
            });
    for (CircuitBreaker.State state :
        List.of(
            CircuitBreaker.State.CLOSED,
            CircuitBreaker.State.OPEN,
            CircuitBreaker.State.HALF_OPEN)) {
      Gauge.builder("flotilla_component_breaker_state", breaker, b -> b.getState() == state ? 1 : 0)
          .tag("component", component)
          .tag("state", state.name())
          .description("1 for the state the component's circuit breaker is in")
          .register(meters);
    }
    Gauge.builder(
            "flotilla_component_breaker_not_permitted",
            notPermitted,
            m -> m.getOrDefault(component, 0L))
        .tag("component", component)
        .description("calls refused because the component's breaker was open")
        .register(meters);
    return breaker;
  }
}
