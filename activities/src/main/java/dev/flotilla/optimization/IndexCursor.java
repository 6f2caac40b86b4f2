package dev.flotilla.optimization;

import dev.flotilla.common.InvalidInputException;
import java.util.List;

/** Paging by position for the sources that hold their whole inventory in memory. */
final class IndexCursor {

  private IndexCursor() {}

  /** The resources of a kind in scope and, when the scope names regions, in one of them. */
  static List<Resource> inScope(List<Resource> resources, Scope scope) {
    return resources.stream()
        .filter(r -> scope.includes(r.kind()))
        .filter(r -> scope.regions().isEmpty() || scope.regions().contains(r.region()))
        .toList();
  }

  /**
   * The page starting at the cursor's index.
   *
   * @param source the source's name, for the cursor's prefix and messages
   */
  static InventoryPage page(List<Resource> resources, String cursor, int pageSize, String source) {
    if (pageSize < 1) {
      throw new InvalidInputException("page size must be at least 1, was " + pageSize);
    }
    int from = cursor == null ? 0 : decode(cursor, source, resources.size());
    int to = Math.min(resources.size(), from + pageSize);
    return new InventoryPage(
        resources.subList(from, to), to < resources.size() ? source + ":" + to : null);
  }

  private static int decode(String cursor, String source, int size) {
    String prefix = source + ":";
    try {
      if (!cursor.startsWith(prefix)) {
        throw new NumberFormatException();
      }
      int index = Integer.parseInt(cursor.substring(prefix.length()));
      if (index < 0 || index > size) {
        throw new NumberFormatException();
      }
      return index;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "cursor '" + cursor + "' is not one this " + source + " inventory source returned");
    }
  }
}
