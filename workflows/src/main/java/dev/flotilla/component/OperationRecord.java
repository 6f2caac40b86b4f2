package dev.flotilla.component;

import java.time.Instant;

/**
 * One line of a component's operation history (table {@code component_operations}), keyed on
 * component and operation ID.
 *
 * @param component the component
 * @param operationId the operation's business identity
 * @param operation what was done
 * @param status SUCCEEDED or FAILED
 * @param instances instances running afterwards
 * @param healthyInstances of those, how many passed the health check
 * @param automaticRestarts restarts the workflow made because the component was unhealthy
 * @param priority the request's priority
 * @param requestedBy who asked
 * @param workflowId the operation's workflow
 * @param detail one line: what happened or why it failed
 * @param startedAt when the operation started (workflow time)
 * @param finishedAt when it ended (workflow time)
 */
public record OperationRecord(
    String component,
    String operationId,
    String operation,
    String status,
    int instances,
    int healthyInstances,
    int automaticRestarts,
    String priority,
    String requestedBy,
    String workflowId,
    String detail,
    Instant startedAt,
    Instant finishedAt) {}
