package dev.flotilla.optimization;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metric Retrieval: pages through the scope's source into the cycle's store.
 *
 * <p>Resume: after each stored page the activity heartbeats a {@link CollectProgress} (the cursor
 * of the next page and the position its first resource takes). A retried attempt starts from the
 * last heartbeat, so a scan of a large account does not start over, and positions are the same as
 * they would have been without the crash. A page stored but not yet heartbeated is stored again;
 * rows are keyed on (cycle, resource), so that writes nothing twice.
 */
public final class InventoryActivitiesImpl implements InventoryActivities {

  /** Resources per page: one transaction and one heartbeat each. */
  public static final int PAGE_SIZE = 500;

  private static final Logger log = LoggerFactory.getLogger(InventoryActivitiesImpl.class);

  private final Function<Scope, InventorySource> sources;
  private final CycleStore store;

  public InventoryActivitiesImpl(Function<Scope, InventorySource> sources, CycleStore store) {
    this.sources = sources;
    this.store = store;
  }

  /**
   * Where a collect attempt got to; the heartbeat details.
   *
   * @param cursor the source's cursor of the next page; null once the last page is stored
   * @param nextPosition the position the next page's first resource takes
   * @param done whether the last page is stored
   */
  public record CollectProgress(String cursor, int nextPosition, boolean done) {
    static final CollectProgress START = new CollectProgress(null, 0, false);
  }

  @Override
  public InventorySnapshot collect(CollectRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    InventorySource source = sources.apply(request.scope());
    // The sample's resources are dated from the window end, which the seam's page() is not told;
    // binding it here keeps the seam as the AWS and file sources implement it.
    if (source instanceof SampleInventorySource sample) {
      source = sample.endingAt(request.to());
    }
    store.storeWindow(request.cycleId(), request.scope().key(), request.from(), request.to());

    CollectProgress progress =
        context.getHeartbeatDetails(CollectProgress.class).orElse(CollectProgress.START);
    if (progress.nextPosition() > 0) {
      log.info(
          "cycle {}: resuming collection at position {}",
          request.cycleId(),
          progress.nextPosition());
    }
    while (!progress.done()) {
      InventoryPage page = source.page(request.scope(), progress.cursor(), PAGE_SIZE);
      Map<String, List<MetricSeries>> metrics = new LinkedHashMap<>();
      for (Resource resource : page.resources()) {
        metrics.put(resource.id(), source.metrics(resource, request.from(), request.to()));
      }
      store.storePage(request.cycleId(), progress.nextPosition(), page.resources(), metrics);
      progress =
          new CollectProgress(
              page.nextCursor(), progress.nextPosition() + page.resources().size(), page.isLast());
      context.heartbeat(progress);
    }
    return new InventorySnapshot(
        store.resourceCount(request.cycleId()), store.metricSeriesCount(request.cycleId()));
  }
}
