package dev.flotilla.hello;

/**
 * @param greeting what the activity said
 * @param workerIdentity which worker process said it
 */
public record HelloResult(String greeting, String workerIdentity) {}
