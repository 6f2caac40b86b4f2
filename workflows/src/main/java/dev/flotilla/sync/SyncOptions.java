package dev.flotilla.sync;

import dev.flotilla.common.InvalidInputException;
import java.time.Duration;
import java.util.Map;

/**
 * How a sync job treats bad records, failures and time. Every field may be left out (null) and
 * takes its default.
 *
 * @param maxErrorRate the share of records VALIDATE may quarantine before the job fails; 0.05
 * @param rollback what a failure after CONNECT undoes; {@link Rollback#ALL}
 * @param retryFromPhase re-run the phase before a failed one once, then the failed one, before
 *     rolling back; false
 * @param slaSeconds per-phase SLA overrides in seconds; phases not named keep their defaults
 * @param faultAt for tests and demos only: the phase (TRANSFORM, VALIDATE, STAGE or COMMIT) made to
 *     fail for good, to show the rollback; a COMMIT fault strikes after the merge landed, as when
 *     its answer is lost, so the rollback has real rows to restore; null in real jobs
 */
public record SyncOptions(
    Double maxErrorRate,
    Rollback rollback,
    Boolean retryFromPhase,
    Map<SyncPhase, Long> slaSeconds,
    SyncPhase faultAt) {

  /** The failure type of a fault injected with {@code faultAt}. */
  public static final String INJECTED_FAULT = "SyncInjectedFault";

  public static final double DEFAULT_MAX_ERROR_RATE = 0.05;

  public static SyncOptions defaults() {
    return new SyncOptions(null, null, null, null, null);
  }

  public SyncOptions(
      Double maxErrorRate,
      Rollback rollback,
      Boolean retryFromPhase,
      Map<SyncPhase, Long> slaSeconds) {
    this(maxErrorRate, rollback, retryFromPhase, slaSeconds, null);
  }

  public SyncOptions {
    maxErrorRate = maxErrorRate == null ? DEFAULT_MAX_ERROR_RATE : maxErrorRate;
    rollback = rollback == null ? Rollback.ALL : rollback;
    retryFromPhase = retryFromPhase != null && retryFromPhase;
    slaSeconds = slaSeconds == null ? Map.of() : Map.copyOf(slaSeconds);
  }

  /** The SLA of a phase for this job. */
  public Duration sla(SyncPhase phase) {
    Long seconds = slaSeconds.get(phase);
    return seconds == null ? phase.defaultSla() : Duration.ofSeconds(seconds);
  }

  void validate() {
    if (maxErrorRate < 0 || maxErrorRate > 1) {
      throw new InvalidInputException(
          "options.maxErrorRate must be between 0 and 1 (a share of records), was " + maxErrorRate);
    }
    if (faultAt != null
        && (faultAt.compareTo(SyncPhase.TRANSFORM) < 0
            || faultAt.compareTo(SyncPhase.COMMIT) > 0)) {
      throw new InvalidInputException(
          "options.faultAt (tests and demos only) must be TRANSFORM, VALIDATE, STAGE or COMMIT, was "
              + faultAt);
    }
    slaSeconds.forEach(
        (phase, seconds) -> {
          if (seconds == null || seconds < 0) {
            throw new InvalidInputException(
                "options.slaSeconds." + phase + " must be 0 or more seconds, was " + seconds);
          }
        });
  }
}
