package dev.flotilla.optimization;

/** What the analysis noticed about a resource. */
public enum FindingType {
  IDLE,
  OVERSIZED,
  UNATTACHED,
  OLD_SNAPSHOT,
  NO_LIFECYCLE_POLICY,
  UNUSED_FUNCTION,
  IDLE_LOAD_BALANCER
}
