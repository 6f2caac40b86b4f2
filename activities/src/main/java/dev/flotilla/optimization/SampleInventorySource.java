package dev.flotilla.optimization;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled {@link SampleInventory} behind the {@link InventorySource} seam, for {@code source:
 * sample}: demos, tests and benchmarks without AWS.
 *
 * <p>The generator's seed is the scope's account ({@code account.hashCode()}), so the same scope
 * always sees the same resources. Resources are dated relative to the end of the metrics window,
 * which {@link InventorySource#page} is not told; {@link #endingAt} binds a copy to a window end
 * before paging. Resources are filtered by the scope's regions and services, and carry the scope's
 * account.
 *
 * <p>The cursor is the index of the next resource in the filtered inventory, as decimal text.
 */
public final class SampleInventorySource implements InventorySource {

  private final int size;
  private final Instant end;
  private Generated generated;

  /** An inventory of {@value SampleInventory#DEFAULT_SIZE} resources. */
  public SampleInventorySource() {
    this(SampleInventory.DEFAULT_SIZE);
  }

  /**
   * @param size how many resources the generator makes before the scope's filter
   */
  public SampleInventorySource(int size) {
    this(size, null);
  }

  private SampleInventorySource(int size, Instant end) {
    if (size < 0) {
      throw new IllegalArgumentException("sample size must not be negative, was " + size);
    }
    this.size = size;
    this.end = end == null ? null : end.truncatedTo(ChronoUnit.HOURS);
  }

  /** This source with metrics ending at {@code end}, truncated to the hour. */
  public SampleInventorySource endingAt(Instant end) {
    return new SampleInventorySource(size, end);
  }

  public int size() {
    return size;
  }

  @Override
  public synchronized InventoryPage page(Scope scope, String cursor, int pageSize) {
    List<Resource> inScope = generated(scope).inScope();
    int from = cursor == null ? 0 : parseCursor(cursor, inScope.size());
    int to = Math.min(inScope.size(), from + Math.max(1, pageSize));
    return new InventoryPage(
        inScope.subList(from, to), to < inScope.size() ? Integer.toString(to) : null);
  }

  /** The sample's series of the resource, cut to the samples that fall in {@code [from, to)}. */
  @Override
  public synchronized List<MetricSeries> metrics(Resource resource, Instant from, Instant to) {
    if (generated == null) {
      throw new IllegalStateException("page() first: metrics come from the paged inventory");
    }
    List<MetricSeries> within = new ArrayList<>();
    for (MetricSeries series : generated.inventory().metricsFor(resource.id())) {
      within.add(cut(series, from, to));
    }
    return within;
  }

  private static MetricSeries cut(MetricSeries series, Instant from, Instant to) {
    long start = series.start().getEpochSecond();
    long step = series.stepSeconds();
    int first = (int) Math.max(0, ceilDiv(from.getEpochSecond() - start, step));
    int last = (int) Math.min(series.values().size(), ceilDiv(to.getEpochSecond() - start, step));
    if (first == 0 && last == series.values().size()) {
      return series;
    }
    List<Double> values =
        first >= last ? List.of() : new ArrayList<>(series.values().subList(first, last));
    return new MetricSeries(
        series.resourceId(),
        series.metric(),
        series.start().plusSeconds(first * step),
        series.stepSeconds(),
        values);
  }

  private static long ceilDiv(long a, long b) {
    return Math.ceilDiv(a, b);
  }

  private Generated generated(Scope scope) {
    if (end == null) {
      throw new IllegalStateException(
          "the sample source needs a window end: call endingAt(to) before paging");
    }
    if (generated == null || !generated.scope().equals(scope)) {
      SampleInventory inventory = SampleInventory.generate(scope.account().hashCode(), size, end);
      List<Resource> inScope = new ArrayList<>();
      for (Resource r : inventory.resources()) {
        if (scope.includes(r.kind())
            && (scope.regions().isEmpty() || scope.regions().contains(r.region()))) {
          inScope.add(
              new Resource(
                  r.id(),
                  r.kind(),
                  scope.account(),
                  r.region(),
                  r.size(),
                  r.state(),
                  r.createdAt(),
                  r.tags(),
                  r.attributes(),
                  r.dependsOn()));
        }
      }
      generated = new Generated(scope, inventory, List.copyOf(inScope));
    }
    return generated;
  }

  private static int parseCursor(String cursor, int limit) {
    try {
      int index = Integer.parseInt(cursor);
      if (index >= 0 && index <= limit) {
        return index;
      }
    } catch (NumberFormatException e) {
      // Reported below with the rest.
    }
    throw new IllegalArgumentException(
        "sample cursor '" + cursor + "' is not an index between 0 and " + limit);
  }

  private record Generated(Scope scope, SampleInventory inventory, List<Resource> inScope) {}
}
