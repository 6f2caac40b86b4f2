package dev.flotilla.sync;

/**
 * What every sync activity is told: the job's identity and its request. Records themselves never
 * travel through the workflow's history.
 *
 * @param workflowId {@code sync/<userId>/<syncId>}, what the audit log and the user see
 * @param jobId the key of this run's rows in the work tables: the workflow ID and its first run, so
 *     the next run of the same sync never finds this one's raw, staged or undo rows
 */
public record SyncJob(String workflowId, String jobId, SyncRequest request) {

  public static SyncJob of(String workflowId, String firstRunId, SyncRequest request) {
    return new SyncJob(workflowId, workflowId + "@" + firstRunId, request);
  }
}
