package dev.flotilla.worker.bench;

import dev.flotilla.settings.FlotillaSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import javax.sql.DataSource;

/**
 * A benchmark workload: the same work done by Flotilla's code and by a plain-SDK twin, so the ratio
 * shows what Flotilla adds on top of Temporal itself.
 */
public interface Workload {
  String name();

  /** Whether the work keeps state in Flotilla's database (the bench then embeds one). */
  default boolean needsDatabase() {
    return false;
  }

  /** Items of work in one unit, for an items-per-second figure (resources, for a cycle). */
  default int itemsPerUnit() {
    return 1;
  }

  /** Units per round when --n is not given. */
  default int defaultUnits() {
    return 200;
  }

  /** The most units that may run at once, whatever --concurrency asks. */
  default int maxConcurrency() {
    return Integer.MAX_VALUE;
  }

  /** The settings the Flotilla side's worker runs with. */
  default FlotillaSettings adjust(FlotillaSettings settings) {
    return settings;
  }

  /** Registers the plain-SDK twin on a bare worker factory; the database is null if not needed. */
  void registerBaseline(WorkerFactory bareFactory, DataSource database);

  /** Runs one unit of Flotilla's work to completion and returns its workflow ID. */
  String runFlotilla(WorkflowClient client, String unitId) throws Exception;

  /** Runs the twin's unit of the same work to completion and returns its workflow ID. */
  String runBaseline(WorkflowClient client, String unitId) throws Exception;

  /**
   * Lines the bench prints after the medians (per-phase figures, for instance); none by default.
   */
  default java.util.List<String> notes() {
    return java.util.List.of();
  }
}
