package dev.flotilla.audit;

import java.util.Map;
import java.util.TreeMap;

/**
 * One row of the append-only audit trail. (workflowId, stage, item, eventType) is its business key:
 * recording the same event twice, as a retry or a replay might, keeps one row.
 */
public record AuditEvent(
    String workflowId,
    String kind,
    String stage,
    String item,
    String eventType,
    String actor,
    Map<String, String> details) {
  public AuditEvent {
    item = item == null ? "" : item;
    details = details == null ? Map.of() : new TreeMap<>(details);
  }
}
