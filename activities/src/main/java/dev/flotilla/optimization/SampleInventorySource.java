package dev.flotilla.optimization;

import dev.flotilla.common.InvalidInputException;
import java.time.Instant;
import java.util.List;

/**
 * The bundled {@link SampleInventory} behind the {@link InventorySource} seam, for {@code flotilla
 * demo}, tests and benchmarks. The same seed, size and end give the same resources and metrics.
 *
 * <p>Pages hold the resources in scope (kind and region) in the generator's order; the cursor is
 * the index of the next one. {@link #metrics} returns the generated two weeks ending at {@code
 * end}, whatever {@code from} and {@code to} say, since that is the only window the generator has.
 */
public final class SampleInventorySource implements InventorySource {

  private final long seed;
  private final int size;
  private final Instant end;
  private volatile SampleInventory inventory;

  /**
   * @param seed the generator's seed
   * @param size how many resources
   * @param end when the metrics end (rounded down to the hour)
   */
  public SampleInventorySource(long seed, int size, Instant end) {
    if (size < 0) {
      throw new InvalidInputException("sample inventory size must not be negative, was " + size);
    }
    this.seed = seed;
    this.size = size;
    this.end = end;
  }

  /** The generated inventory, made on first use. */
  public SampleInventory inventory() {
    SampleInventory current = inventory;
    if (current == null) {
      synchronized (this) {
        current = inventory;
        if (current == null) {
          current = SampleInventory.generate(seed, size, end);
          inventory = current;
        }
      }
    }
    return current;
  }

  @Override
  public InventoryPage page(Scope scope, String cursor, int pageSize) {
    List<Resource> inScope = IndexCursor.inScope(inventory().resources(), scope);
    return IndexCursor.page(inScope, cursor, pageSize, "sample");
  }

  @Override
  public List<MetricSeries> metrics(Resource resource, Instant from, Instant to) {
    return inventory().metricsFor(resource.id());
  }
}
