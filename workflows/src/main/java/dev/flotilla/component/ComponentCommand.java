package dev.flotilla.component;

/**
 * What the runtime is asked to do, keyed on component and operation ID so a retried activity does
 * it once.
 *
 * @param component the component
 * @param operation what to do
 * @param manifest for deploy and update
 * @param instances for scale
 * @param operationId the operation's business identity
 */
public record ComponentCommand(
    String component,
    ComponentOperation operation,
    ComponentManifest manifest,
    Integer instances,
    String operationId) {}
