package dev.flotilla.worker.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;

/**
 * A benchmark workload: the same work done by Flotilla's code and by a plain-SDK twin, so the ratio
 * shows what Flotilla adds on top of Temporal itself.
 */
public interface Workload {
  String name();

  /** Registers the plain-SDK twin's workflow and activities on a bare worker factory. */
  void registerBaseline(WorkerFactory bareFactory);

  /** Runs one unit of Flotilla's work to completion and returns its workflow ID. */
  String runFlotilla(WorkflowClient client, String unitId) throws Exception;

  /** Runs the twin's unit of the same work to completion and returns its workflow ID. */
  String runBaseline(WorkflowClient client, String unitId) throws Exception;
}
