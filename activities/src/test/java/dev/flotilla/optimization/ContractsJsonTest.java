package dev.flotilla.optimization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contracts travel as JSON through Temporal's data converter; they must survive the trip. */
class ContractsJsonTest {

  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Test
  void resourceRoundTripsWithOnlyItsComponents() throws Exception {
    Resource resource =
        Fixtures.resource(
            "vol-1",
            ResourceKind.EBS_VOLUME,
            "gp3:100",
            "in-use",
            Fixtures.daysAgo(3),
            Map.of("team", "web", "keep", "true"),
            Map.of("attachedTo", "i-1"),
            List.of("i-1"));

    String text = json.writeValueAsString(resource);

    assertThat(json.readValue(text, Resource.class)).isEqualTo(resource);
    assertThat(json.readTree(text).properties())
        .extracting(Map.Entry::getKey)
        .containsExactly(
            "id",
            "kind",
            "account",
            "region",
            "size",
            "state",
            "createdAt",
            "tags",
            "attributes",
            "dependsOn");
  }

  @Test
  void mapsSerializeInKeyOrderWhateverOrderTheyWereBuiltIn() throws Exception {
    Map<String, String> tags = new HashMap<>();
    for (String key : List.of("zeta", "alpha", "mid", "beta")) {
      tags.put(key, key);
    }
    Resource resource =
        Fixtures.resource(
            "i-1",
            ResourceKind.EC2_INSTANCE,
            "m5.large",
            "running",
            Fixtures.END,
            tags,
            null,
            null);

    String text = json.writeValueAsString(resource);

    assertThat(text)
        .contains("{\"alpha\":\"alpha\",\"beta\":\"beta\",\"mid\":\"mid\",\"zeta\":\"zeta\"}");
  }

  @Test
  void metricSeriesKeepsGaps() throws Exception {
    MetricSeries series =
        new MetricSeries(
            "i-1", MetricSeries.CPU_UTILIZATION, Fixtures.END, 3600, Arrays.asList(1.0, null, 3.0));

    MetricSeries back = json.readValue(json.writeValueAsString(series), MetricSeries.class);

    assertThat(back).isEqualTo(series);
    assertThat(back.values()).containsExactly(1.0, null, 3.0);
  }

  @Test
  void thresholdsBatchesAndFindingsRoundTrip() throws Exception {
    Thresholds thresholds = Thresholds.defaults();
    Recommendation recommendation =
        new Recommendation(
            "RIGHTSIZE:i-1",
            "i-1",
            ResourceKind.EC2_INSTANCE,
            RecommendationAction.RIGHTSIZE,
            "m5.2xlarge",
            "m5.xlarge",
            140.16,
            "p95 low",
            0.8,
            List.of());
    RecommendationBatch batch =
        new RecommendationBatch(0, List.of(new RecommendationGroup(List.of(recommendation))));
    Finding finding =
        new Finding("i-1", ResourceKind.EC2_INSTANCE, FindingType.IDLE, "CPU 1%", 0.9);

    assertThat(json.readValue(json.writeValueAsString(thresholds), Thresholds.class))
        .isEqualTo(thresholds);
    String batchJson = json.writeValueAsString(batch);
    assertThat(json.readValue(batchJson, RecommendationBatch.class)).isEqualTo(batch);
    assertThat(json.readTree(batchJson).properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("index", "groups");
    assertThat(json.readValue(json.writeValueAsString(finding), Finding.class)).isEqualTo(finding);
  }
}
