package dev.flotilla.sync;

/**
 * Where COMMIT lands; one class per kind of sink, chosen by the request's {@code sinkDatabase} in
 * {@link SyncSinks}. A sink keeps the undo rows of a commit beside the rows it wrote, so that the
 * merge and what undoes it are one transaction.
 */
interface SyncSink {

  /** CONNECT: the sink table exists with {@code record_key} and {@code data jsonb} columns. */
  void check(String table);

  /**
   * Merges the job's staged rows into the sink table and saves the rows it replaces, in one
   * transaction. A repeat saves nothing new (the first saved versions stay) and writes the same.
   */
  long commit(SyncJob job, String table);

  /** Puts back what the job's commit replaced and removes what it added. Idempotent. */
  void restore(SyncJob job, String table);

  /** Forgets the job's undo rows once nothing can roll it back. Idempotent. */
  void forget(SyncJob job);
}
