package dev.flotilla.common;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Activity options by kind of work, in one place. Every preset has a bounded number of attempts and
 * treats {@link InvalidInputException} as final: retrying a bad input cannot make it good.
 */
public final class ActivityPresets {

  /** Computation or a single local call: seconds, a few attempts. */
  public static final ActivityOptions QUICK =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .setMaximumAttempts(5)
                  .setDoNotRetry(InvalidInputException.class.getName())
                  .build())
          .build();

  private ActivityPresets() {}
}
