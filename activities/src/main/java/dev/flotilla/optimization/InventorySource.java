package dev.flotilla.optimization;

import java.time.Instant;
import java.util.List;

/**
 * Where an optimization cycle's resources and their metrics come from: the AWS APIs, a file export
 * or the bundled sample generator. Adding a source is one class behind this interface.
 *
 * <p>Implementations are called from activities, page by page, so a scan of a large account can
 * heartbeat its cursor and resume where a failed attempt stopped.
 */
public interface InventorySource {

  /**
   * One page of the resources in scope.
   *
   * @param cursor null for the first page, else the {@link InventoryPage#nextCursor()} of the last
   * @param pageSize at most this many resources
   */
  InventoryPage page(Scope scope, String cursor, int pageSize);

  /** The metric series of one resource over {@code [from, to)}, hourly. */
  List<MetricSeries> metrics(Resource resource, Instant from, Instant to);
}
