package dev.flotilla.sync;

import java.time.Duration;

/**
 * The seven phases of a sync job, in the order they run. The numbers are the audit log's
 * phase_number; the SLAs are the seed's defaults, which a request may override per phase.
 */
public enum SyncPhase {
  CONNECT(1, "Connect", Duration.ofSeconds(30)),
  EXTRACT(2, "Extract", Duration.ofSeconds(60)),
  TRANSFORM(3, "Transform", Duration.ofSeconds(120)),
  VALIDATE(4, "Validate", Duration.ofSeconds(90)),
  STAGE(5, "Stage", Duration.ofSeconds(10)),
  COMMIT(6, "Commit", Duration.ofSeconds(15)),
  NOTIFY(7, "Notify", Duration.ofSeconds(60));

  private final int number;
  private final String title;
  private final Duration defaultSla;

  SyncPhase(int number, String title, Duration defaultSla) {
    this.number = number;
    this.title = title;
    this.defaultSla = defaultSla;
  }

  public int number() {
    return number;
  }

  public String title() {
    return title;
  }

  /** How long the phase should take. Not a timeout: an overrun is flagged and the phase goes on. */
  public Duration defaultSla() {
    return defaultSla;
  }

  /** The phase before this one, or null for CONNECT. */
  public SyncPhase previous() {
    return ordinal() == 0 ? null : values()[ordinal() - 1];
  }
}
