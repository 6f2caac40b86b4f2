package dev.flotilla.optimization;

/**
 * The work of one {@link ResourceBatchWorkflow}: one pass over a range of the stored inventory.
 *
 * @param carried what earlier runs of the same child counted before it continued as new
 */
public record BatchRange(
    String cycleId,
    BatchPass pass,
    int offset,
    int count,
    int batchSize,
    int parallelism,
    boolean continueOnError,
    Thresholds thresholds,
    BatchTally carried) {

  /** Analysis finds; recommendation turns findings into priced actions. */
  public enum BatchPass {
    ANALYZE,
    RECOMMEND
  }
}
