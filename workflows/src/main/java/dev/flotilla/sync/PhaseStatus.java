package dev.flotilla.sync;

/** The transitions the phase audit log records; lower case in the table, as the seed has them. */
public enum PhaseStatus {
  STARTED,
  COMPLETED,
  FAILED,
  ROLLED_BACK;

  public String column() {
    return name().toLowerCase();
  }
}
