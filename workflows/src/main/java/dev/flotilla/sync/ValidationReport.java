package dev.flotilla.sync;

/**
 * What VALIDATE found.
 *
 * @param checked records looked at
 * @param quarantined records set aside with their reasons in the quarantine table
 */
public record ValidationReport(long checked, long quarantined) {
  public long valid() {
    return checked - quarantined;
  }
}
