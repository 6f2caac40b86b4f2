package dev.flotilla.audit;

import io.temporal.activity.ActivityInterface;

/** The audit trail in Flotilla's database. */
@ActivityInterface
public interface AuditActivities {
  void record(AuditEvent event);
}
