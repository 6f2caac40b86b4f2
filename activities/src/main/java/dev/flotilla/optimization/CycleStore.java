package dev.flotilla.optimization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * An optimization cycle's rows in Flotilla's database: every SQL statement the cycle's activities
 * run is in this class.
 *
 * <p>Every write is keyed on business identity (cycle and resource, cycle and recommendation,
 * approval and recommendation), so an activity that is retried, resumed or run twice leaves the
 * same rows. Payloads are the contract records as JSON, so a row reads back as the record that was
 * stored.
 */
public final class CycleStore {

  private static final TypeReference<List<UtilizationStats>> STATS = new TypeReference<>() {};
  private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() {};

  private final DataSource dataSource;
  private final ObjectMapper json;

  public CycleStore(DataSource dataSource) {
    this.dataSource = dataSource;
    this.json =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Rows outlive the code that wrote them: a field added later must not break reads.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** A stored recommendation with the region of its resource, for describing what it does. */
  /**
   * One recommendation of an approval batch, with where its resource is.
   *
   * @param account the resource's account (needed to name some resources by ARN), or null
   */
  public record PlannedAction(Recommendation recommendation, String region, String account) {
    public PlannedAction(Recommendation recommendation, String region) {
      this(recommendation, region, null);
    }
  }

  /**
   * A real execution's row for one action of an approval.
   *
   * @param completed whether the action was carried out to the end
   * @param priorState the resource's state when the action first looked at it, or null
   * @param description what was done, once completed
   */
  public record ActionRecord(boolean completed, String priorState, String description) {}

  // ---------------------------------------------------------------- collection

  /** Remembers the window a cycle collects; the first call wins, as it does for everything else. */
  public void storeWindow(String cycleId, String scopeKey, Instant from, Instant to) {
    update(
        """
        INSERT INTO cycle_windows (cycle_id, scope_key, window_from, window_to)
        VALUES (?, ?, ?, ?)
        ON CONFLICT (cycle_id) DO NOTHING
        """,
        ps -> {
          ps.setString(1, cycleId);
          ps.setString(2, scopeKey);
          ps.setTimestamp(3, Timestamp.from(from));
          ps.setTimestamp(4, Timestamp.from(to));
        });
  }

  /** The end of the metrics window the cycle collected, if it collected anything. */
  public Optional<Instant> windowEnd(String cycleId) {
    return query(
        "SELECT window_to FROM cycle_windows WHERE cycle_id = ?",
        ps -> ps.setString(1, cycleId),
        rs -> rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty());
  }

  /**
   * Stores one page of resources at positions {@code firstPosition, firstPosition + 1, ...} with
   * their metric series, in one transaction. A resource already stored under the cycle is left as
   * it is, so a page stored again after a crash changes nothing; a different resource at a taken
   * position fails, because that would mean the source pages differently on a retry.
   */
  public void storePage(
      String cycleId,
      int firstPosition,
      List<Resource> resources,
      Map<String, List<MetricSeries>> metrics) {
    inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  """
                  INSERT INTO cycle_resources (cycle_id, position, resource_id, kind, payload)
                  VALUES (?, ?, ?, ?, ?::jsonb)
                  ON CONFLICT (cycle_id, resource_id) DO NOTHING
                  """)) {
            for (int i = 0; i < resources.size(); i++) {
              Resource resource = resources.get(i);
              ps.setString(1, cycleId);
              ps.setInt(2, firstPosition + i);
              ps.setString(3, resource.id());
              ps.setString(4, resource.kind().name());
              ps.setString(5, write(resource));
              ps.addBatch();
            }
            ps.executeBatch();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  """
                  INSERT INTO cycle_metrics (cycle_id, resource_id, metric, series)
                  VALUES (?, ?, ?, ?::jsonb)
                  ON CONFLICT (cycle_id, resource_id, metric) DO NOTHING
                  """)) {
            for (List<MetricSeries> seriesOfResource : metrics.values()) {
              for (MetricSeries series : seriesOfResource) {
                ps.setString(1, cycleId);
                ps.setString(2, series.resourceId());
                ps.setString(3, series.metric());
                ps.setString(4, write(series));
                ps.addBatch();
              }
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  public int resourceCount(String cycleId) {
    return count("SELECT count(*) FROM cycle_resources WHERE cycle_id = ?", cycleId);
  }

  public int metricSeriesCount(String cycleId) {
    return count("SELECT count(*) FROM cycle_metrics WHERE cycle_id = ?", cycleId);
  }

  /** Resources at positions {@code [offset, offset + count)}, in position order. */
  public List<Resource> resources(String cycleId, int offset, int count) {
    return query(
        """
        SELECT payload FROM cycle_resources
        WHERE cycle_id = ? AND position >= ? AND position < ?
        ORDER BY position
        """,
        ps -> range(ps, cycleId, offset, count),
        rs -> {
          List<Resource> resources = new ArrayList<>();
          while (rs.next()) {
            resources.add(read(rs.getString(1), Resource.class));
          }
          return resources;
        });
  }

  /** The metric series of the resources at positions {@code [offset, offset + count)}, by id. */
  public Map<String, List<MetricSeries>> metrics(String cycleId, int offset, int count) {
    return query(
        """
        SELECT m.resource_id, m.series FROM cycle_metrics m
        JOIN cycle_resources r ON r.cycle_id = m.cycle_id AND r.resource_id = m.resource_id
        WHERE r.cycle_id = ? AND r.position >= ? AND r.position < ?
        ORDER BY r.position, m.metric
        """,
        ps -> range(ps, cycleId, offset, count),
        rs -> {
          Map<String, List<MetricSeries>> byResource = new LinkedHashMap<>();
          while (rs.next()) {
            byResource
                .computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                .add(read(rs.getString(2), MetricSeries.class));
          }
          return byResource;
        });
  }

  /**
   * The resources of the cycle that depend on something. Those carry every dependency edge; a
   * resource without dependsOn adds nothing to grouping, and leaving it out keeps a large account's
   * grouping from loading the whole inventory.
   */
  public List<Resource> dependentResources(String cycleId) {
    return query(
        """
        SELECT payload FROM cycle_resources
        WHERE cycle_id = ? AND jsonb_array_length(payload -> 'dependsOn') > 0
        ORDER BY position
        """,
        ps -> ps.setString(1, cycleId),
        rs -> {
          List<Resource> resources = new ArrayList<>();
          while (rs.next()) {
            resources.add(read(rs.getString(1), Resource.class));
          }
          return resources;
        });
  }

  // ---------------------------------------------------------------- analysis

  /** Stores (or replaces with the same values) one analysis per resource. */
  public void storeAnalyses(String cycleId, List<ResourceAnalysis> analyses) {
    batch(
        """
        INSERT INTO cycle_analyses (cycle_id, resource_id, stats, findings)
        VALUES (?, ?, ?::jsonb, ?::jsonb)
        ON CONFLICT (cycle_id, resource_id)
        DO UPDATE SET stats = EXCLUDED.stats, findings = EXCLUDED.findings
        """,
        analyses,
        (ps, analysis) -> {
          ps.setString(1, cycleId);
          ps.setString(2, analysis.resource().id());
          ps.setString(3, write(analysis.stats()));
          ps.setString(4, write(analysis.findings()));
        });
  }

  /**
   * The analyses of the resources at positions {@code [offset, offset + count)}, in position order;
   * a resource whose analysis failed has none.
   */
  public List<ResourceAnalysis> analyses(String cycleId, int offset, int count) {
    return query(
        """
        SELECT r.payload, a.stats, a.findings FROM cycle_analyses a
        JOIN cycle_resources r ON r.cycle_id = a.cycle_id AND r.resource_id = a.resource_id
        WHERE r.cycle_id = ? AND r.position >= ? AND r.position < ?
        ORDER BY r.position
        """,
        ps -> range(ps, cycleId, offset, count),
        rs -> {
          List<ResourceAnalysis> analyses = new ArrayList<>();
          while (rs.next()) {
            analyses.add(
                new ResourceAnalysis(
                    read(rs.getString(1), Resource.class),
                    read(rs.getString(2), STATS),
                    read(rs.getString(3), FINDINGS)));
          }
          return analyses;
        });
  }

  // ---------------------------------------------------------------- recommendations

  /**
   * Stores (or refreshes) recommendations. Grouping and batch columns are left alone: they belong
   * to the later stages, and a repeated recommend pass produces the same recommendations.
   */
  public void storeRecommendations(String cycleId, List<Recommendation> recommendations) {
    batch(
        """
        INSERT INTO cycle_recommendations
            (cycle_id, recommendation_id, resource_id, action, savings_usd, payload)
        VALUES (?, ?, ?, ?, ?, ?::jsonb)
        ON CONFLICT (cycle_id, recommendation_id)
        DO UPDATE SET savings_usd = EXCLUDED.savings_usd, payload = EXCLUDED.payload
        """,
        recommendations,
        (ps, r) -> {
          ps.setString(1, cycleId);
          ps.setString(2, r.id());
          ps.setString(3, r.resourceId());
          ps.setString(4, r.action().name());
          ps.setDouble(5, r.estimatedMonthlySavingsUsd());
          ps.setString(6, write(r));
        });
  }

  /** Every recommendation of the cycle, by id. */
  public List<Recommendation> recommendations(String cycleId) {
    return query(
        """
        SELECT payload FROM cycle_recommendations WHERE cycle_id = ?
        ORDER BY recommendation_id
        """,
        ps -> ps.setString(1, cycleId),
        rs -> {
          List<Recommendation> recommendations = new ArrayList<>();
          while (rs.next()) {
            recommendations.add(read(rs.getString(1), Recommendation.class));
          }
          return recommendations;
        });
  }

  /** Writes each recommendation's group (the group's index) and its place in the group. */
  public void assignGroups(String cycleId, List<RecommendationGroup> groups) {
    record Placement(String recommendationId, int group, int order) {}
    List<Placement> placements = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      List<Recommendation> members = groups.get(g).recommendations();
      for (int i = 0; i < members.size(); i++) {
        placements.add(new Placement(members.get(i).id(), g, i));
      }
    }
    batch(
        """
        UPDATE cycle_recommendations SET group_id = ?, group_order = ?
        WHERE cycle_id = ? AND recommendation_id = ?
        """,
        placements,
        (ps, p) -> {
          ps.setInt(1, p.group());
          ps.setInt(2, p.order());
          ps.setString(3, cycleId);
          ps.setString(4, p.recommendationId());
        });
  }

  /** The number of the cycle's recommendations no group has been written for yet. */
  public int ungroupedCount(String cycleId) {
    return count(
        "SELECT count(*) FROM cycle_recommendations WHERE cycle_id = ? AND group_id IS NULL",
        cycleId);
  }

  /** The stored groups, by group id, each in acting order. */
  public List<RecommendationGroup> groups(String cycleId) {
    return query(
        """
        SELECT group_id, payload FROM cycle_recommendations
        WHERE cycle_id = ? AND group_id IS NOT NULL
        ORDER BY group_id, group_order
        """,
        ps -> ps.setString(1, cycleId),
        rs -> {
          List<RecommendationGroup> groups = new ArrayList<>();
          List<Recommendation> current = new ArrayList<>();
          int currentGroup = -1;
          while (rs.next()) {
            int group = rs.getInt(1);
            if (group != currentGroup && !current.isEmpty()) {
              groups.add(new RecommendationGroup(current));
              current = new ArrayList<>();
            }
            currentGroup = group;
            current.add(read(rs.getString(2), Recommendation.class));
          }
          if (!current.isEmpty()) {
            groups.add(new RecommendationGroup(current));
          }
          return groups;
        });
  }

  /** Writes each recommendation's batch index. */
  public void assignBatches(String cycleId, List<RecommendationBatch> batches) {
    record Placement(String recommendationId, int batch) {}
    List<Placement> placements = new ArrayList<>();
    for (RecommendationBatch b : batches) {
      for (Recommendation r : b.recommendations()) {
        placements.add(new Placement(r.id(), b.index()));
      }
    }
    batch(
        """
        UPDATE cycle_recommendations SET batch_index = ?
        WHERE cycle_id = ? AND recommendation_id = ?
        """,
        placements,
        (ps, p) -> {
          ps.setInt(1, p.batch());
          ps.setString(2, cycleId);
          ps.setString(3, p.recommendationId());
        });
  }

  /** The recommendations of one approval batch in acting order, group after group. */
  public List<PlannedAction> batch(String cycleId, int batchIndex) {
    return query(
        """
        SELECT c.payload, r.payload ->> 'region', r.payload ->> 'account'
        FROM cycle_recommendations c
        LEFT JOIN cycle_resources r ON r.cycle_id = c.cycle_id AND r.resource_id = c.resource_id
        WHERE c.cycle_id = ? AND c.batch_index = ?
        ORDER BY c.group_id, c.group_order
        """,
        ps -> {
          ps.setString(1, cycleId);
          ps.setInt(2, batchIndex);
        },
        rs -> {
          List<PlannedAction> actions = new ArrayList<>();
          while (rs.next()) {
            actions.add(
                new PlannedAction(
                    read(rs.getString(1), Recommendation.class), rs.getString(2), rs.getString(3)));
          }
          return actions;
        });
  }

  // ---------------------------------------------------------------- execution

  /** Records what was done for one recommendation of an approval; a second record is ignored. */
  public void recordExecutions(String approvalId, boolean dryRun, Map<String, String> byId) {
    batch(
        """
        INSERT INTO executed_actions (approval_id, recommendation_id, dry_run, description)
        VALUES (?, ?, ?, ?)
        ON CONFLICT (approval_id, recommendation_id) DO NOTHING
        """,
        List.copyOf(byId.entrySet()),
        (ps, entry) -> {
          ps.setString(1, approvalId);
          ps.setString(2, entry.getKey());
          ps.setBoolean(3, dryRun);
          ps.setString(4, entry.getValue());
        });
  }

  /** Actions of an approval carried out to the end (or recorded, on a dry run). */
  public int executedCount(String approvalId) {
    return count(
        "SELECT count(*) FROM executed_actions WHERE approval_id = ? AND completed", approvalId);
  }

  /** The row of one action of an approval, if it has one. */
  public Optional<ActionRecord> action(String approvalId, String recommendationId) {
    return query(
        """
        SELECT completed, prior_state, description FROM executed_actions
        WHERE approval_id = ? AND recommendation_id = ?
        """,
        ps -> {
          ps.setString(1, approvalId);
          ps.setString(2, recommendationId);
        },
        rs ->
            rs.next()
                ? Optional.of(new ActionRecord(rs.getBoolean(1), rs.getString(2), rs.getString(3)))
                : Optional.empty());
  }

  /**
   * Marks a real action as started, remembering the state its resource was seen in, and returns the
   * state remembered: the first attempt's, when an earlier attempt got this far.
   */
  public String startAction(String approvalId, String recommendationId, String priorState) {
    update(
        """
        INSERT INTO executed_actions
            (approval_id, recommendation_id, dry_run, description, completed, prior_state)
        VALUES (?, ?, false, 'started', false, ?)
        ON CONFLICT (approval_id, recommendation_id) DO NOTHING
        """,
        ps -> {
          ps.setString(1, approvalId);
          ps.setString(2, recommendationId);
          ps.setString(3, priorState);
        });
    return action(approvalId, recommendationId).map(ActionRecord::priorState).orElse(priorState);
  }

  /** Marks a real action as carried out, with the line saying what was done. */
  public void completeAction(String approvalId, String recommendationId, String description) {
    update(
        """
        INSERT INTO executed_actions
            (approval_id, recommendation_id, dry_run, description, completed)
        VALUES (?, ?, false, ?, true)
        ON CONFLICT (approval_id, recommendation_id)
        DO UPDATE SET completed = true, description = EXCLUDED.description, executed_at = now()
        """,
        ps -> {
          ps.setString(1, approvalId);
          ps.setString(2, recommendationId);
          ps.setString(3, description);
        });
  }

  // ---------------------------------------------------------------- plumbing

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  @FunctionalInterface
  private interface RowBinder<T> {
    void bind(PreparedStatement ps, T row) throws SQLException;
  }

  @FunctionalInterface
  private interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private static void range(PreparedStatement ps, String cycleId, int offset, int count)
      throws SQLException {
    ps.setString(1, cycleId);
    ps.setInt(2, offset);
    // long arithmetic: offset + count may pass Integer.MAX_VALUE for "everything from offset".
    ps.setLong(3, (long) offset + count);
  }

  private int count(String sql, String key) {
    return query(
        sql,
        ps -> ps.setString(1, key),
        rs -> {
          rs.next();
          return rs.getInt(1);
        });
  }

  private void update(String sql, Binder binder) {
    inTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
          }
        });
  }

  private <T> void batch(String sql, List<T> rows, RowBinder<T> binder) {
    if (rows.isEmpty()) {
      return;
    }
    inTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T row : rows) {
              binder.bind(ps, row);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  private <T> T query(String sql, Binder binder, Reader<T> reader) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        return reader.read(rs);
      }
    } catch (SQLException e) {
      throw new CycleStoreException(e);
    }
  }

  private <T> T inTransaction(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new CycleStoreException(e);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  private <T> T read(String text, Class<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable", e);
    }
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored analysis is unreadable", e);
    }
  }

  /**
   * A database failure. Unchecked so activities let it through to Temporal, which retries it: a
   * lost connection or a failover heals; the message is the driver's, which names no password.
   */
  public static final class CycleStoreException extends RuntimeException {
    CycleStoreException(SQLException cause) {
      super("cycle store: " + cause.getMessage(), cause);
    }
  }
}
