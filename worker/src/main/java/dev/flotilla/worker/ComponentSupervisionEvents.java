package dev.flotilla.worker;

import dev.flotilla.audit.AuditEvent;
import dev.flotilla.audit.AuditLog;
import dev.flotilla.component.LocalProcessRuntime;
import dev.flotilla.events.SystemEvent;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the local runtime's own restarts of dead instances to the event log as {@code
 * component.failure}, keyed on the worker, instance and the dead process's ID, so one death is one
 * row. No workflow sees these restarts, so they are written here rather than by an activity.
 */
final class ComponentSupervisionEvents implements LocalProcessRuntime.Supervision {
  private static final Logger log = LoggerFactory.getLogger(ComponentSupervisionEvents.class);

  private final AuditLog audit;
  private final String worker;

  ComponentSupervisionEvents(AuditLog audit, String worker) {
    this.audit = audit;
    this.worker = worker;
  }

  @Override
  public void restarted(String component, int instance, long deadPid, int exitCode, int restarts) {
    write(component, instance, deadPid, exitCode, "restarted by the worker (" + restarts + ")");
  }

  @Override
  public void gaveUp(String component, int instance, long deadPid, int exitCode, int restarts) {
    write(component, instance, deadPid, exitCode, "left down after " + restarts + " restarts");
  }

  private void write(String component, int instance, long deadPid, int exitCode, String outcome) {
    try {
      audit.record(
          new AuditEvent(
              "component/" + component,
              "component",
              "supervision",
              worker + "/instance-" + instance + "/pid-" + deadPid,
              SystemEvent.COMPONENT_FAILURE,
              worker,
              Map.of(
                  "component",
                  component,
                  "instance",
                  Integer.toString(instance),
                  "pid",
                  Long.toString(deadPid),
                  "exitCode",
                  Integer.toString(exitCode),
                  "outcome",
                  outcome)),
          null);
    } catch (RuntimeException e) {
      // The restart itself happened; only its record is lost.
      log.warn("component {}: supervision event not recorded: {}", component, e.getMessage());
    }
  }
}
