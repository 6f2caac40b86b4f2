package dev.flotilla.optimization;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One resource as discovered in an account.
 *
 * @param id the provider's identifier (instance id, volume id, DB identifier, bucket name...)
 * @param kind what sort of resource this is
 * @param account the AWS account id
 * @param region the AWS region
 * @param size the instance type or DB class ("m5.xlarge", "db.r5.large"), a volume as {@code
 *     <type>:<GiB>} ("gp3:100"), a snapshot's source size in GiB, or a function's memory in MB;
 *     null when the kind has no size
 * @param state the provider's lifecycle state ("running", "available", "in-use"...)
 * @param createdAt when the resource was created
 * @param tags the resource's tags; {@code keep=true} protects it from destructive actions
 * @param attributes kind-specific facts (for example {@code lifecycle=none} on a bucket, {@code
 *     maxConnections} on a DB, {@code storedGb} on a snapshot)
 * @param dependsOn ids this resource depends on: a volume on its instance, a read replica on its
 *     primary, a load balancer on its target instances
 */
public record Resource(
    String id,
    ResourceKind kind,
    String account,
    String region,
    String size,
    String state,
    Instant createdAt,
    Map<String, String> tags,
    Map<String, String> attributes,
    List<String> dependsOn) {

  public Resource {
    // Sorted copies, because Map.copyOf iterates in an order that changes from one JVM run to the
    // next, and these records are serialized into workflow history, where bytes must repeat.
    tags = sortedCopy(tags);
    attributes = sortedCopy(attributes);
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
  }

  /** The value of tag {@code key}, or null. */
  public String tag(String key) {
    return tags.get(key);
  }

  /** The value of attribute {@code key}, or null. */
  public String attribute(String key) {
    return attributes.get(key);
  }

  /** Whether the owners tagged this resource {@code keep=true}. */
  public boolean keep() {
    return "true".equalsIgnoreCase(tags.get("keep"));
  }

  static Map<String, String> sortedCopy(Map<String, String> map) {
    return map == null || map.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new TreeMap<>(map));
  }
}
