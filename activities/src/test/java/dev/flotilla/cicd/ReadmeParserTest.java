package dev.flotilla.cicd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadmeParserTest {

  private static final String README =
      """
      # Orders service
      [![CI](https://github.com/acme/orders/actions/workflows/ci.yml/badge.svg)](https://x)
      ![coverage](https://img.shields.io/codecov/c/github/acme/orders)
      ![diagram](docs/architecture.png)

      ## Build

      ```bash
      $ ./mvnw -B verify
      # a comment line
      ```

      Run the tests alone with `mvn test`, and lint with `./mvnw spotless:check`.

      ```java
      mvn package // not a shell block: ignored
      ```

          npm ci
      """;

  @Test
  void readsHeadingsFencedBlocksBadgesAndCommandsWithTheirLines() {
    ReadmeSummary summary = ReadmeParser.parse("README.md", README);

    assertThat(summary.title()).isEqualTo("Orders service");
    assertThat(summary.headings()).containsExactly("# Orders service", "## Build");
    assertThat(summary.codeBlocks())
        .extracting(ReadmeSummary.CodeBlock::info, ReadmeSummary.CodeBlock::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bash", 8),
            org.assertj.core.groups.Tuple.tuple("java", 15));
    assertThat(summary.badges())
        .extracting(ReadmeSummary.Badge::alt)
        .containsExactly("CI", "coverage");
    assertThat(summary.commands())
        .extracting(
            ReadmeCommand::phase,
            ReadmeCommand::command,
            ReadmeCommand::inCode,
            c -> c.evidence().line())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(CommandPhase.BUILD, "./mvnw -B verify", true, 9),
            org.assertj.core.groups.Tuple.tuple(CommandPhase.TEST, "mvn test", false, 13),
            org.assertj.core.groups.Tuple.tuple(
                CommandPhase.LINT, "./mvnw spotless:check", false, 13),
            org.assertj.core.groups.Tuple.tuple(CommandPhase.INSTALL, "npm ci", true, 19));
  }

  @Test
  void aReadmeWithoutCodeHasNoCommands() {
    ReadmeSummary summary = ReadmeParser.parse("README.md", "# Handbook\n\nHow we work.\n");

    assertThat(summary.commands()).isEmpty();
    assertThat(summary.codeBlocks()).isEmpty();
  }

  @Test
  void aHugeReadmeIsSummarisedWithinItsBounds() {
    String many = "```sh\n" + "npm test\n".repeat(5000) + "```\n";

    ReadmeSummary summary = ReadmeParser.parse("README.md", many);

    assertThat(summary.commands()).hasSize(ReadmeSummary.MAX_ITEMS);
  }
}
