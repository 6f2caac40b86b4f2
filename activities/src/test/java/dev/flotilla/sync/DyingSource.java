package dev.flotilla.sync;

/**
 * A source whose worker is lost after it served {@code pages} pages: what an EXTRACT attempt meets
 * when its worker dies mid-way, so the next attempt must resume from the heartbeat cursor.
 */
final class DyingSource implements SyncSource {
  private final SyncSource delegate;
  private int pagesLeft;

  DyingSource(SyncSource delegate, int pages) {
    this.delegate = delegate;
    this.pagesLeft = pages;
  }

  @Override
  public void check() {
    delegate.check();
  }

  @Override
  public Page page(Cursor cursor, int size) {
    if (pagesLeft-- == 0) {
      throw new IllegalStateException("worker lost");
    }
    return delegate.page(cursor, size);
  }
}
