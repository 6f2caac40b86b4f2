package dev.flotilla.optimization;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An estimate of an RDS instance's {@code max_connections}, which DescribeDBInstances does not
 * return (it lives in the instance's parameter group, usually as a formula).
 *
 * <p>The estimate is the MySQL and PostgreSQL default, {@code DBInstanceClassMemory / 9531392}
 * capped at 5,000, with the class's memory taken from its family and size: burstable {@code t}
 * classes have 1 GiB at micro doubling to 32 GiB at 2xlarge; general-purpose {@code m} classes 8
 * GiB at large and 16 GiB per xlarge; memory-optimised {@code r} and {@code x2g} twice that. A
 * custom parameter group can set another value; an unknown class gives no estimate.
 */
final class RdsMaxConnections {

  private static final Pattern CLASS =
      Pattern.compile("db\\.([a-z]+)(\\d+)[a-z]*\\.(micro|small|medium|large|(\\d*)xlarge)");
  private static final Map<String, Integer> BURSTABLE_GIB =
      Map.of("micro", 1, "small", 2, "medium", 4, "large", 8, "xlarge", 16, "2xlarge", 32);

  private RdsMaxConnections() {}

  /** The memory of a DB class in GiB, or null when the class is not one this table knows. */
  static Integer memoryGib(String dbClass) {
    if (dbClass == null) {
      return null;
    }
    Matcher m = CLASS.matcher(dbClass);
    if (!m.matches()) {
      return null;
    }
    String family = m.group(1);
    String size = m.group(3);
    if (family.equals("t")) {
      return BURSTABLE_GIB.get(size);
    }
    int perLarge =
        switch (family) {
          case "m" -> 8;
          case "r", "x" -> 16;
          default -> 0;
        };
    if (perLarge == 0) {
      return null;
    }
    if (size.equals("large")) {
      return perLarge;
    }
    if (size.endsWith("xlarge")) {
      int multiple = m.group(4) == null || m.group(4).isEmpty() ? 1 : Integer.parseInt(m.group(4));
      return perLarge * 2 * multiple;
    }
    return null;
  }

  /** The estimated default max_connections of a DB class, or null when the class is unknown. */
  static Integer estimate(String dbClass) {
    Integer gib = memoryGib(dbClass);
    if (gib == null) {
      return null;
    }
    long bytes = gib * 1024L * 1024 * 1024;
    return (int) Math.min(5000, bytes / 9_531_392L);
  }
}
