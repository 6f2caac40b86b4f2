package dev.flotilla.optimization;

/** What a recommendation proposes to do to a resource. */
public enum RecommendationAction {
  /** Stop an EC2 instance or an RDS DB instance; storage stays and is still billed. */
  STOP_INSTANCE,
  /** Terminate an EC2 instance, or delete an RDS read replica (which RDS cannot stop). */
  TERMINATE_INSTANCE,
  RIGHTSIZE,
  DELETE_VOLUME,
  DELETE_SNAPSHOT,
  ADD_S3_LIFECYCLE_RULE,
  DELETE_LOAD_BALANCER,
  DELETE_FUNCTION
}
