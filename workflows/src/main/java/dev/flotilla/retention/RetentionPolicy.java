package dev.flotilla.retention;

import dev.flotilla.common.InvalidInputException;
import dev.flotilla.common.WorkflowInput;

/**
 * How long Flotilla keeps what it records. Missing values take the defaults, so {@code flotilla
 * start retention --input '{}'} and a schedule without input apply the documented policy.
 *
 * @param auditDays audit events and executed actions (default 90)
 * @param metricsDays stored cycle data: windows, resources, metrics, analyses, recommendations
 *     (default 30)
 * @param deliveriesDays alert delivery records (default 90)
 */
public record RetentionPolicy(Integer auditDays, Integer metricsDays, Integer deliveriesDays)
    implements WorkflowInput {

  public static final int DEFAULT_AUDIT_DAYS = 90;
  public static final int DEFAULT_METRICS_DAYS = 30;
  public static final int DEFAULT_DELIVERIES_DAYS = 90;

  /** A policy that keeps data for ten years at most: longer is almost certainly a typo. */
  private static final int MAX_DAYS = 3650;

  public RetentionPolicy {
    auditDays = auditDays == null ? DEFAULT_AUDIT_DAYS : auditDays;
    metricsDays = metricsDays == null ? DEFAULT_METRICS_DAYS : metricsDays;
    deliveriesDays = deliveriesDays == null ? DEFAULT_DELIVERIES_DAYS : deliveriesDays;
  }

  public static RetentionPolicy defaults() {
    return new RetentionPolicy(null, null, null);
  }

  /** One retention run at a time: two would only delete the same rows twice. */
  @Override
  public String workflowId() {
    return "retention";
  }

  @Override
  public String subject() {
    return "a retention run";
  }

  @Override
  public void validate() {
    check("auditDays", auditDays);
    check("metricsDays", metricsDays);
    check("deliveriesDays", deliveriesDays);
  }

  private static void check(String field, int days) {
    if (days < 1 || days > MAX_DAYS) {
      throw new InvalidInputException(
          "retention: '" + field + "' must be between 1 and " + MAX_DAYS + " days, not " + days);
    }
  }
}
