package dev.flotilla.optimization;

import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Picks the {@link InventorySource} for a scope's {@code source}: {@code sample}, {@code aws}, or
 * any {@code file:<path>} (registered once under {@code file}). The wiring registers what it has; a
 * source nobody registered fails the activity without retries, since retrying cannot make it
 * appear.
 */
public final class InventorySources {

  /** The failure type of a scope whose source is not registered. */
  public static final String UNKNOWN_SOURCE = "UnknownInventorySource";

  private InventorySources() {}

  /**
   * @param bySource sources by {@code sample}, {@code aws} or {@code file}
   */
  public static Function<Scope, InventorySource> of(Map<String, InventorySource> bySource) {
    Map<String, InventorySource> sources = new TreeMap<>(bySource);
    return scope -> {
      String key = scope.source().startsWith("file:") ? "file" : scope.source();
      InventorySource source = sources.get(key);
      if (source == null) {
        throw ApplicationFailure.newNonRetryableFailure(
            "no inventory source '"
                + key
                + "' is available on this worker; available: "
                + String.join(", ", sources.keySet()),
            UNKNOWN_SOURCE);
      }
      return source;
    };
  }

  /** Only the bundled generator, with {@code size} resources before the scope's filter. */
  public static Function<Scope, InventorySource> sampleOnly(int size) {
    return of(Map.of("sample", new SampleInventorySource(size)));
  }
}
