package dev.flotilla.optimization;

import dev.flotilla.common.InvalidInputException;
import java.util.List;
import java.util.Locale;

/**
 * What an optimization cycle looks at: one account, some regions, some services.
 *
 * @param source where resources come from: {@code aws} (the AWS APIs), {@code sample} (the bundled
 *     generator) or {@code file:<path>} (a JSON or CSV export)
 * @param account the AWS account id
 * @param regions the regions to scan, at least one
 * @param services service keys as in {@link ResourceKind#service()} ({@code ec2}, {@code rds}...);
 *     empty means all
 */
public record Scope(String source, String account, List<String> regions, List<String> services) {

  public Scope {
    source = source == null || source.isBlank() ? "aws" : source;
    regions = regions == null ? List.of() : regions.stream().sorted().toList();
    services =
        services == null
            ? List.of()
            : services.stream().map(s -> s.toLowerCase(Locale.ROOT)).sorted().toList();
  }

  /**
   * The scope's identity in workflow IDs and search attributes. Two requests for the same account,
   * regions and services are the same scope, whatever order they list them in.
   */
  public String key() {
    return "aws:"
        + account
        + "/"
        + String.join("+", regions)
        + "/"
        + (services.isEmpty() ? "all" : String.join("+", services));
  }

  /** Whether resources of this kind are in scope. */
  public boolean includes(ResourceKind kind) {
    return services.isEmpty() || services.contains(kind.service());
  }

  public void validate() {
    if (account == null || !account.matches("\\d{12}")) {
      throw new InvalidInputException(
          "scope: 'account' must be a 12-digit AWS account id, for example \"123456789012\"");
    }
    if (regions.isEmpty()) {
      throw new InvalidInputException(
          "scope: 'regions' is empty; name at least one, for example [\"us-east-1\"]");
    }
    for (String region : regions) {
      if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
        throw new InvalidInputException(
            "scope: region '" + region + "' is not an AWS region name like us-east-1");
      }
    }
    List<String> known =
        java.util.Arrays.stream(ResourceKind.values())
            .map(ResourceKind::service)
            .distinct()
            .toList();
    for (String service : services) {
      if (!known.contains(service)) {
        throw new InvalidInputException(
            "scope: unknown service '"
                + service
                + "'; known services: "
                + String.join(", ", known));
      }
    }
    if (!(source.equals("aws") || source.equals("sample") || source.startsWith("file:"))) {
      throw new InvalidInputException(
          "scope: 'source' must be aws, sample or file:<path>, not '" + source + "'");
    }
  }
}
