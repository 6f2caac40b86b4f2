package dev.flotilla.optimization;

import java.util.List;

/**
 * @param resources this page's resources
 * @param nextCursor where the next page starts; null when this was the last page
 */
public record InventoryPage(List<Resource> resources, String nextCursor) {
  public InventoryPage {
    resources = List.copyOf(resources);
  }

  public boolean isLast() {
    return nextCursor == null;
  }
}
