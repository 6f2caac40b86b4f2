package dev.flotilla.component;

/**
 * How an operation ended.
 *
 * @param component the component
 * @param operation what was done
 * @param operationId its business identity
 * @param succeeded whether the component ended up as asked (and healthy, unless stopped)
 * @param status its instances afterwards
 * @param health the last health check; null after stop
 * @param automaticRestarts restarts made because the component was unhealthy
 * @param detail one line for people
 */
public record ComponentResult(
    String component,
    ComponentOperation operation,
    String operationId,
    boolean succeeded,
    ComponentStatus status,
    HealthReport health,
    int automaticRestarts,
    String detail) {}
