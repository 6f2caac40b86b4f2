package dev.flotilla.optimization;

/** The kinds of AWS resource the optimization cycle looks at. */
public enum ResourceKind {
  EC2_INSTANCE("ec2"),
  EBS_VOLUME("ebs"),
  // Snapshots share the "ebs" key because AWS bills and configures them as part of EBS.
  EBS_SNAPSHOT("ebs"),
  RDS_INSTANCE("rds"),
  LAMBDA_FUNCTION("lambda"),
  LOAD_BALANCER("elb"),
  S3_BUCKET("s3");

  private final String service;

  ResourceKind(String service) {
    this.service = service;
  }

  /** The key this kind's thresholds live under in {@link Thresholds}, as in the settings file. */
  public String service() {
    return service;
  }
}
