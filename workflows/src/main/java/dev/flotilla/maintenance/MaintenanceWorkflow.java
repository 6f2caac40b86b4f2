package dev.flotilla.maintenance;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Keeps Flotilla itself in shape: checks every deployed component's health (restarting an unhealthy
 * one once), deletes what is past retention (the retention workflow as a child, plus finished
 * component records), and backs up Flotilla's database. Meant for a schedule ({@code flotilla
 * schedule create maintenance --every daily}); with {@code restoreFrom} it restores a backup
 * instead.
 */
@WorkflowInterface
public interface MaintenanceWorkflow {
  String TYPE = "Maintenance";

  @WorkflowMethod(name = TYPE)
  MaintenanceResult run(MaintenancePlan plan);
}
