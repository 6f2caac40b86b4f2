package dev.flotilla.cicd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Detection over the corpus of repository layouts modelled on real projects: each layout's {@code
 * expected.txt} holds the stack, commands, frameworks, Dockerfiles, README disagreements and jobs
 * that the pipeline must find. Set {@code -Dcicd.corpus.record=true} to rewrite them after a
 * deliberate change, then read the diff.
 */
class CicdCorpusTest {

  static List<String> layouts() {
    return Corpus.names();
  }

  @Test
  void theCorpusCoversAtLeastThirtyLayouts() {
    assertThat(layouts()).hasSizeGreaterThanOrEqualTo(30);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void detectsTheStackAndCommandsOfEachLayout(String layout) throws IOException {
    CicdResult result = Corpus.run(layout);
    String actual = Corpus.describe(result);
    Path expected = sourceDirectory().resolve(layout).resolve("expected.txt");
    if (Boolean.getBoolean("cicd.corpus.record")) {
      Files.writeString(expected, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(expected));
    assertThat(result.problems()).as("the worker's own check of the YAML").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void everyDetectionCarriesEvidenceAndAConfidence(String layout) {
    for (Detection detection : Corpus.run(layout).stack().detections()) {
      assertThat(detection.evidence()).as(detection.toString()).isNotEmpty();
      assertThat(detection.confidence()).isBetween(0.0, 1.0);
    }
  }

  /** The layouts in the source tree, so recording writes where git sees it. */
  private static Path sourceDirectory() {
    return Path.of("src/test/resources/cicd-corpus");
  }
}
