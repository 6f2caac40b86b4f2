package dev.flotilla.optimization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PriceTableTest {

  private final PriceTable prices = PriceTable.bundled();

  @Test
  void bundledTableSaysWhereAndWhenItsFiguresComeFrom() {
    assertThat(prices.source()).contains("AWS").contains("us-east-1").contains("Linux");
    assertThat(prices.asOf()).matches("\\d{4}-\\d{2}");
    assertThat(prices.hoursPerMonth()).isEqualTo(730);
  }

  @Test
  void pricesTheCommonInstanceTypesDbClassesAndStorage() {
    assertThat(prices.hourly(ResourceKind.EC2_INSTANCE, "m5.xlarge")).hasValue(0.192);
    assertThat(prices.hourly(ResourceKind.EC2_INSTANCE, "t3.nano")).hasValue(0.0052);
    assertThat(prices.hourly(ResourceKind.RDS_INSTANCE, "db.m5.large")).hasValue(0.171);
    assertThat(prices.hourly(ResourceKind.EC2_INSTANCE, "x2iedn.32xlarge")).isEmpty();
    assertThat(prices.hourly(ResourceKind.S3_BUCKET, "m5.large")).isEmpty();
    assertThat(prices.ebsGbMonth("gp3")).hasValue(0.08);
    assertThat(prices.ebsGbMonth("gp2")).hasValue(0.10);
    assertThat(prices.snapshotGbMonth()).isEqualTo(0.05);
    assertThat(prices.s3GbMonth("STANDARD")).hasValue(0.023);
    assertThat(prices.s3GbMonth("STANDARD_IA")).hasValue(0.0125);
    assertThat(prices.albHourly()).isEqualTo(0.0225);
    assertThat(prices.lambdaRequest()).isEqualTo(0.0000002);
  }

  @Test
  void everySizeCostsMoreThanTheNextSmallerOne() {
    for (String type : SampleInventory.INSTANCE_TYPES) {
      prices
          .nextSmallerSize(type)
          .ifPresent(
              smaller ->
                  assertThat(prices.hourly(ResourceKind.EC2_INSTANCE, type).getAsDouble())
                      .as(type + " vs " + smaller)
                      .isGreaterThan(
                          prices.hourly(ResourceKind.EC2_INSTANCE, smaller).getAsDouble()));
    }
  }

  @Test
  void nextSmallerSizeStaysInTheFamily() {
    assertThat(prices.nextSmallerSize("m5.2xlarge")).hasValue("m5.xlarge");
    assertThat(prices.nextSmallerSize("m5.xlarge")).hasValue("m5.large");
    assertThat(prices.nextSmallerSize("c5.4xlarge")).hasValue("c5.2xlarge");
    assertThat(prices.nextSmallerSize("t3.micro")).hasValue("t3.nano");
    assertThat(prices.nextSmallerSize("t3.large")).hasValue("t3.medium");
    assertThat(prices.nextSmallerSize("db.r5.4xlarge")).hasValue("db.r5.2xlarge");
    assertThat(prices.nextSmallerSize("db.t3.small")).hasValue("db.t3.micro");
  }

  @Test
  void smallestOrUnknownSizesHaveNoSmallerSize() {
    assertThat(prices.nextSmallerSize("t3.nano")).isEmpty();
    assertThat(prices.nextSmallerSize("m5.large")).isEmpty();
    assertThat(prices.nextSmallerSize("db.m5.large")).isEmpty();
    assertThat(prices.nextSmallerSize("m5.metal")).isEmpty();
    assertThat(prices.nextSmallerSize("gp3:100")).isEmpty();
    assertThat(prices.nextSmallerSize(null)).isEmpty();
  }

  @Test
  void tableWithoutSourceIsRefused() {
    String json = "{\"asOf\":\"2025-01\",\"currency\":\"USD\",\"hoursPerMonth\":730}";

    assertThatThrownBy(
            () -> PriceTable.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source");
  }
}
