package dev.flotilla.optimization;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * On-demand list prices used to estimate what a recommendation saves.
 *
 * <p>The bundled table ({@value #BUNDLED_RESOURCE}) holds approximations of the AWS public
 * us-east-1 prices (Linux; RDS MySQL Single-AZ) as of its {@link #asOf()} date. They are for
 * estimating savings and ranking recommendations, not for billing: no discounts, free tier, data
 * transfer or taxes, and other regions are priced as us-east-1.
 */
public final class PriceTable {

  public static final String BUNDLED_RESOURCE = "/pricing/aws-on-demand-us-east-1.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final PriceFile file;

  private PriceTable(PriceFile file) {
    this.file = file;
  }

  /** The table bundled with Flotilla. */
  public static PriceTable bundled() {
    return Bundled.TABLE;
  }

  /** Reads a table in the bundled file's format. */
  public static PriceTable read(InputStream json) {
    try {
      PriceFile file = JSON.readValue(json, PriceFile.class);
      file.check();
      return new PriceTable(file);
    } catch (IOException e) {
      throw new UncheckedIOException("price table: cannot read it: " + e.getMessage(), e);
    }
  }

  /** Where the figures come from. */
  public String source() {
    return file.source;
  }

  /** When the figures were taken, as year-month. */
  public String asOf() {
    return file.asOf;
  }

  /** Hours in a billing month used for monthly figures (730 = 8760 / 12). */
  public double hoursPerMonth() {
    return file.hoursPerMonth;
  }

  /**
   * The hourly price of an EC2 instance type, an RDS DB class, or (for a load balancer, whatever
   * its size) an Application Load Balancer; empty when the table does not know it.
   */
  public OptionalDouble hourly(ResourceKind kind, String size) {
    return switch (kind) {
      case EC2_INSTANCE -> lookup(file.ec2Hourly, size);
      case RDS_INSTANCE -> lookup(file.rdsHourly, size);
      case LOAD_BALANCER -> OptionalDouble.of(file.albHourly);
      default -> OptionalDouble.empty();
    };
  }

  /** Price per GB-month of an EBS volume type (gp2, gp3, io1, st1). */
  public OptionalDouble ebsGbMonth(String volumeType) {
    return lookup(file.ebsGbMonth, volumeType);
  }

  /** Price per provisioned IOPS-month of an io1 volume, on top of its storage. */
  public double ebsIo1IopsMonth() {
    return file.ebsIo1IopsMonth;
  }

  /** Price per GB-month of EBS snapshot storage (standard tier). */
  public double snapshotGbMonth() {
    return file.snapshotGbMonth;
  }

  /** Price per hour of an Application Load Balancer, before capacity units. */
  public double albHourly() {
    return file.albHourly;
  }

  /** Price per GB-month of an S3 storage class (STANDARD, STANDARD_IA). */
  public OptionalDouble s3GbMonth(String storageClass) {
    return lookup(file.s3GbMonth, storageClass);
  }

  public double lambdaGbSecond() {
    return file.lambdaGbSecond;
  }

  public double lambdaRequest() {
    return file.lambdaRequest;
  }

  /**
   * The next smaller size of the same family that the table prices ({@code m5.2xlarge ->
   * m5.xlarge}, {@code db.r5.large} has none); empty for the smallest or an unknown size.
   */
  public Optional<String> nextSmallerSize(String size) {
    if (size == null) {
      return Optional.empty();
    }
    int dot = size.lastIndexOf('.');
    int rank = dot < 0 ? -1 : sizeRank(size.substring(dot + 1));
    if (rank < 0) {
      return Optional.empty();
    }
    String family = size.substring(0, dot);
    Map<String, Double> prices = size.startsWith("db.") ? file.rdsHourly : file.ec2Hourly;
    String best = null;
    int bestRank = -1;
    for (String candidate : prices.keySet()) {
      int candidateDot = candidate.lastIndexOf('.');
      if (!candidate.substring(0, candidateDot).equals(family)) {
        continue;
      }
      int candidateRank = sizeRank(candidate.substring(candidateDot + 1));
      if (candidateRank >= 0 && candidateRank < rank && candidateRank > bestRank) {
        best = candidate;
        bestRank = candidateRank;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Orders size names; -1 for names that are not a size (metal, or a typo). */
  static int sizeRank(String name) {
    return switch (name) {
      case "nano" -> 1;
      case "micro" -> 2;
      case "small" -> 3;
      case "medium" -> 4;
      case "large" -> 5;
      case "xlarge" -> 10;
      default -> {
        if (!name.endsWith("xlarge")) {
          yield -1;
        }
        try {
          yield 10 * Integer.parseInt(name.substring(0, name.length() - "xlarge".length()));
        } catch (NumberFormatException e) {
          yield -1;
        }
      }
    };
  }

  private static OptionalDouble lookup(Map<String, Double> prices, String key) {
    Double price = key == null ? null : prices.get(key);
    return price == null ? OptionalDouble.empty() : OptionalDouble.of(price);
  }

  private static final class Bundled {
    static final PriceTable TABLE = load();

    private static PriceTable load() {
      try (InputStream in = PriceTable.class.getResourceAsStream(BUNDLED_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "price table: " + BUNDLED_RESOURCE + " is missing from the classpath");
        }
        return read(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The JSON file, field for field. */
  static final class PriceFile {
    public String source;
    public String asOf;
    public String currency;
    public double hoursPerMonth;
    public Map<String, Double> ec2Hourly = new TreeMap<>();
    public Map<String, Double> rdsHourly = new TreeMap<>();
    public Map<String, Double> ebsGbMonth = new TreeMap<>();
    public double ebsIo1IopsMonth;
    public double snapshotGbMonth;
    public double albHourly;
    public Map<String, Double> s3GbMonth = new TreeMap<>();
    public double lambdaGbSecond;
    public double lambdaRequest;

    void check() {
      if (source == null || asOf == null) {
        throw new IllegalArgumentException("price table: 'source' and 'asOf' are required");
      }
      if (!"USD".equals(currency)) {
        throw new IllegalArgumentException("price table: currency must be USD, was " + currency);
      }
      if (hoursPerMonth <= 0 || snapshotGbMonth <= 0 || albHourly <= 0) {
        throw new IllegalArgumentException(
            "price table: hoursPerMonth, snapshotGbMonth and albHourly must be positive");
      }
      for (String key : new String[] {"STANDARD", "STANDARD_IA"}) {
        if (!s3GbMonth.containsKey(key)) {
          throw new IllegalArgumentException("price table: s3GbMonth." + key + " is missing");
        }
      }
    }
  }
}
