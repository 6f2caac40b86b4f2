package dev.flotilla.audit;

import io.temporal.activity.Activity;
import javax.sql.DataSource;

/** The audit trail activity: one idempotent insert per event. */
public final class AuditActivitiesImpl implements AuditActivities {

  private final AuditLog log;

  public AuditActivitiesImpl(DataSource dataSource) {
    this.log = new AuditLog(dataSource);
  }

  @Override
  public void record(AuditEvent event) {
    log.record(event, Activity.getExecutionContext().getInfo().getRunId());
  }
}
