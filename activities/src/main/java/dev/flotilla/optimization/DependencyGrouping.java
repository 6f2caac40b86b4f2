package dev.flotilla.optimization;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Groups recommendations whose resources are connected through dependsOn, so that a group can be
 * approved and applied as one unit, and orders each group for acting on it.
 *
 * <p>Connection: two resources are connected when one depends on the other, directly or through
 * other resources of the inventory, whether or not those have recommendations themselves (two
 * instances behind the same load balancer belong together).
 *
 * <p>Order rule: a resource comes before every resource it depends on, directly or through others.
 * The dependent is always the part that has to go first: a volume is deleted or detached before its
 * instance is stopped or terminated, a read replica is deleted before its primary is stopped (RDS
 * refuses to stop a primary that has replicas), a load balancer is deleted before its targets are
 * stopped so it never sends traffic to stopped instances. Ties are broken by resource id, then by
 * recommendation id, so the order is the same every run. Members of a dependency cycle, which AWS
 * does not produce but bad input might, come last in id order.
 */
public final class DependencyGrouping {

  private DependencyGrouping() {}

  /**
   * Groups and orders {@code recommendations}; the groups are sorted by the id of their first
   * recommendation.
   *
   * @param resources the inventory the dependsOn links come from; the recommendations' own
   *     dependsOn lists are used as well
   */
  public static List<RecommendationGroup> group(
      List<Recommendation> recommendations, List<Resource> resources) {
    Graph graph = new Graph();
    for (Resource resource : resources) {
      graph.node(resource.id());
      for (String dependency : resource.dependsOn()) {
        graph.edge(resource.id(), dependency);
      }
    }
    for (Recommendation recommendation : recommendations) {
      graph.node(recommendation.resourceId());
      for (String dependency : recommendation.dependsOn()) {
        graph.edge(recommendation.resourceId(), dependency);
      }
    }

    // Component root -> resource id -> that resource's recommendations.
    Map<Integer, TreeMap<String, List<Recommendation>>> components = new HashMap<>();
    for (Recommendation recommendation : recommendations) {
      int node = graph.node(recommendation.resourceId());
      components
          .computeIfAbsent(graph.find(node), root -> new TreeMap<>())
          .computeIfAbsent(recommendation.resourceId(), id -> new ArrayList<>())
          .add(recommendation);
    }
    if (components.isEmpty()) {
      return List.of();
    }

    Map<Integer, List<Integer>> membersByRoot = new HashMap<>();
    for (int node = 0; node < graph.size(); node++) {
      int root = graph.find(node);
      if (components.containsKey(root)) {
        membersByRoot.computeIfAbsent(root, r -> new ArrayList<>()).add(node);
      }
    }

    List<RecommendationGroup> groups = new ArrayList<>(components.size());
    components.forEach(
        (root, byResource) -> {
          List<Recommendation> ordered = new ArrayList<>();
          for (String resourceId : graph.actingOrder(membersByRoot.get(root))) {
            List<Recommendation> own = byResource.get(resourceId);
            if (own != null) {
              own.sort(Comparator.comparing(Recommendation::id));
              ordered.addAll(own);
            }
          }
          groups.add(new RecommendationGroup(ordered));
        });
    groups.sort(Comparator.comparing(RecommendationGroup::firstId));
    return groups;
  }

  /** Resource ids as nodes, "depends on" as directed edges, plus union-find over the same edges. */
  private static final class Graph {
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private final List<List<Integer>> dependencies = new ArrayList<>();
    private int[] parent = new int[64];

    int size() {
      return ids.size();
    }

    int node(String id) {
      Integer existing = index.get(id);
      if (existing != null) {
        return existing;
      }
      int node = ids.size();
      index.put(id, node);
      ids.add(id);
      dependencies.add(new ArrayList<>(1));
      if (node == parent.length) {
        parent = java.util.Arrays.copyOf(parent, node * 2);
      }
      parent[node] = node;
      return node;
    }

    void edge(String dependent, String dependency) {
      int from = node(dependent);
      int to = node(dependency);
      if (from == to || dependencies.get(from).contains(to)) {
        return;
      }
      dependencies.get(from).add(to);
      union(from, to);
    }

    int find(int node) {
      while (parent[node] != node) {
        parent[node] = parent[parent[node]];
        node = parent[node];
      }
      return node;
    }

    private void union(int a, int b) {
      int rootA = find(a);
      int rootB = find(b);
      if (rootA != rootB) {
        // The smaller index wins, so roots do not depend on the order edges arrive in.
        parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
      }
    }

    /**
     * Kahn's algorithm over one component: a node is ready once every node that depends on it has
     * been placed; among ready nodes the smallest id goes first.
     */
    List<String> actingOrder(List<Integer> members) {
      Map<Integer, Integer> dependents = new HashMap<>();
      for (int node : members) {
        dependents.putIfAbsent(node, 0);
        for (int dependency : dependencies.get(node)) {
          dependents.merge(dependency, 1, Integer::sum);
        }
      }
      PriorityQueue<Integer> ready = new PriorityQueue<>(Comparator.comparing(ids::get));
      for (int node : members) {
        if (dependents.get(node) == 0) {
          ready.add(node);
        }
      }
      List<String> order = new ArrayList<>(members.size());
      while (!ready.isEmpty()) {
        int node = ready.poll();
        order.add(ids.get(node));
        for (int dependency : dependencies.get(node)) {
          if (dependents.merge(dependency, -1, Integer::sum) == 0) {
            ready.add(dependency);
          }
        }
      }
      if (order.size() < members.size()) {
        members.stream()
            .filter(node -> dependents.get(node) > 0)
            .map(ids::get)
            .sorted()
            .forEach(order::add);
      }
      return order;
    }
  }
}
