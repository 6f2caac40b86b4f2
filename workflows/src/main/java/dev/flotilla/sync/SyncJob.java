package dev.flotilla.sync;

/**
 * What every sync activity is told: the job's identity (the key of its rows in the work tables) and
 * its request. Records themselves never travel through the workflow's history.
 *
 * @param jobId the workflow ID, {@code sync/<userId>/<syncId>}
 */
public record SyncJob(String jobId, SyncRequest request) {}
