package dev.flotilla.sync;

import java.util.List;

/** Where a sync job's records come from. A new kind of source is one class behind this. */
public interface SyncSource {

  /** Throws when the source cannot be read; the message says what to fix. */
  void check();

  /** The records from the cursor on, at most {@code size} of them. */
  Page page(Cursor cursor, int size);

  /**
   * A position in the source; the EXTRACT heartbeat's details.
   *
   * @param file the index of the file (or page) in the source's stable order
   * @param record the index of the next record in it
   * @param token what the source needs besides the indexes to find that place again: an HTTP API's
   *     cursor for the page, or the stored inventory the extract reads; null when nothing
   */
  record Cursor(int file, int record, String token) {
    public static final Cursor START = new Cursor(0, 0, null);

    public Cursor(int file, int record) {
      this(file, record, null);
    }
  }

  /**
   * One record.
   *
   * @param key the record's place in the source, stable across attempts: the raw row's key
   * @param json the record as a JSON object
   */
  record Record(String key, String json) {}

  /**
   * @param next where the next page starts; null after the last page
   */
  record Page(List<Record> records, Cursor next) {}
}
