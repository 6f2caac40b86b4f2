package dev.flotilla.optimization;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.common.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CycleRequestTest {

  private static CycleRequest request(String source, Boolean dryRun) {
    return new CycleRequest(
        new Scope(source, "123456789012", List.of("us-east-1"), List.of()),
        null,
        null,
        null,
        null,
        dryRun,
        null,
        null,
        "alice");
  }

  @Test
  void aRealRunOverTheAwsInventoryIsAccepted() {
    assertThatCode(() -> request("aws", false).validate()).doesNotThrowAnyException();
  }

  @Test
  void aRealRunOverInventoriesThatNameNoRealResourcesIsRefused() {
    assertThatThrownBy(() -> request("sample", false).validate())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "optimization-cycle: 'dryRun': false needs scope source aws; a sample inventory names"
                + " no real resources to change");
    assertThatThrownBy(() -> request("file:/tmp/inventory.json", false).validate())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("needs scope source aws");
  }

  @Test
  void dryRunIsTheDefault() {
    assertThatCode(() -> request("sample", null).validate()).doesNotThrowAnyException();
  }
}
