package dev.flotilla.sync;

import dev.flotilla.common.InvalidInputException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Flotilla's own cloud inventory: the resources an optimization cycle collected ({@code
 * cycle_resources}), each record the stored resource (id, kind, account, region, size, state, tags,
 * attributes, dependsOn). {@code inventory} reads the latest cycle's; {@code inventory:<scopeKey>}
 * the latest cycle of that scope. The cycle is chosen once per job and travels in the cursor, so a
 * retried extract keeps reading the same inventory even when a newer cycle has landed meanwhile.
 */
public final class CloudInventorySource implements SyncSource {
  static final String PREFIX = "inventory";

  private final DataSource dataSource;
  private final String scopeKey;

  /**
   * @param scopeKey the scope whose latest cycle is read; null for the latest of any scope
   */
  public CloudInventorySource(DataSource dataSource, String scopeKey) {
    this.dataSource = dataSource;
    this.scopeKey = scopeKey;
  }

  /** Whether a request's {@code source} names the inventory. */
  public static boolean names(String source) {
    return source.equals(PREFIX) || source.startsWith(PREFIX + ":");
  }

  public static CloudInventorySource of(String source, DataSource dataSource) {
    String scope = source.equals(PREFIX) ? null : source.substring(PREFIX.length() + 1);
    return new CloudInventorySource(dataSource, scope == null || scope.isBlank() ? null : scope);
  }

  @Override
  public void check() {
    latestCycle();
  }

  @Override
  public Page page(Cursor cursor, int size) {
    String cycleId = cursor.token() == null ? latestCycle() : cursor.token();
    List<Record> records = new ArrayList<>();
    int next = cursor.record();
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT position, payload::text FROM cycle_resources"
                    + " WHERE cycle_id = ? AND position >= ? ORDER BY position LIMIT ?")) {
      select.setString(1, cycleId);
      select.setInt(2, cursor.record());
      select.setInt(3, size);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          records.add(new Record(cycleId + "#" + rows.getInt(1), rows.getString(2)));
          next = rows.getInt(1) + 1;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading the inventory of cycle " + cycleId + ": " + e, e);
    }
    return new Page(records, records.size() < size ? null : new Cursor(0, next, cycleId));
  }

  /** The cycle whose resources are read: the one stored last, for the scope when one is named. */
  private String latestCycle() {
    String sql =
        "SELECT r.cycle_id FROM cycle_resources r"
            + (scopeKey == null
                ? ""
                : " JOIN cycle_windows w ON w.cycle_id = r.cycle_id AND w.scope_key = ?")
            + " GROUP BY r.cycle_id ORDER BY max(r.created_at) DESC, r.cycle_id LIMIT 1";
    try (Connection c = dataSource.getConnection();
        PreparedStatement select = c.prepareStatement(sql)) {
      if (scopeKey != null) {
        select.setString(1, scopeKey);
      }
      try (ResultSet rows = select.executeQuery()) {
        if (rows.next()) {
          return rows.getString(1);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("finding the stored inventory: " + e, e);
    }
    throw new InvalidInputException(
        "source "
            + (scopeKey == null ? PREFIX : PREFIX + ":" + scopeKey)
            + " has no stored inventory yet: run an optimization cycle"
            + (scopeKey == null ? "" : " for that scope")
            + " first");
  }
}
