package dev.flotilla.optimization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleInventorySourceTest {

  private static final Instant END = Instant.parse("2025-06-15T00:00:00Z");

  @Test
  void pagesCoverTheInventoryInScopeOnceAndResumeInAFreshSource() {
    Scope scope = new Scope("sample", SampleInventory.ACCOUNT, SampleInventory.REGIONS, null);
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      InventoryPage page = new SampleInventorySource(42, 300, END).page(scope, cursor, 64);
      assertThat(page.resources().size()).isLessThanOrEqualTo(64);
      page.resources().forEach(r -> ids.add(r.id()));
      cursor = page.nextCursor();
    } while (cursor != null);

    List<String> expected =
        SampleInventory.generate(42, 300, END).resources().stream().map(Resource::id).toList();
    assertThat(ids).containsExactlyElementsOf(expected);
  }

  @Test
  void scopeSelectsKindsAndRegionsAndMetricsComeFromTheGenerator() {
    SampleInventorySource source = new SampleInventorySource(7, 200, END);
    Scope rdsEast =
        new Scope("sample", SampleInventory.ACCOUNT, List.of("us-east-1"), List.of("rds"));

    List<Resource> resources = source.page(rdsEast, null, 1000).resources();

    assertThat(resources)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.kind()).isEqualTo(ResourceKind.RDS_INSTANCE);
              assertThat(r.region()).isEqualTo("us-east-1");
            });
    Resource db = resources.get(0);
    assertThat(source.metrics(db, END.minusSeconds(14 * 86_400), END))
        .isEqualTo(SampleInventory.generate(7, 200, END).metricsFor(db.id()));
  }
}
