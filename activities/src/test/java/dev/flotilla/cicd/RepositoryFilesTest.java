package dev.flotilla.cicd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the file adapters refuse, and how writing ci.yml treats a file that is already there. */
class RepositoryFilesTest {
  @TempDir Path repo;
  @TempDir Path elsewhere;

  private final RepositoryFileActivitiesImpl files = new RepositoryFileActivitiesImpl();

  private Checkout checkout() {
    return new Checkout(repo.toString(), repo.toString(), false, null);
  }

  @Test
  void aMissingPathOrAFileIsNotARepository() throws IOException {
    assertThatThrownBy(() -> RepositoryRoot.of(repo.resolve("nope")))
        .isInstanceOf(RepositoryRejected.class)
        .hasMessage("repository path " + repo.resolve("nope") + " does not exist");
    Path file = Files.writeString(repo.resolve("pom.xml"), "<project/>");
    assertThatThrownBy(() -> RepositoryRoot.of(file))
        .isInstanceOf(RepositoryRejected.class)
        .hasMessageContaining("is not a directory");
  }

  @Test
  void aBuildFileSymlinkedOutsideTheRootIsRefused() throws IOException {
    Path secret = Files.writeString(elsewhere.resolve("package.json"), "{\"name\": \"x\"}");
    Files.createSymbolicLink(repo.resolve("package.json"), secret);

    assertThatThrownBy(() -> files.inspectBuildFiles(checkout()))
        .isInstanceOf(RepositoryRejected.class)
        .hasMessageContaining("package.json leads outside the repository root");
  }

  @Test
  void aReadmeSymlinkedOutsideTheRootIsRefused() throws IOException {
    Path passwd = Files.writeString(elsewhere.resolve("notes.md"), "# secret");
    Files.createSymbolicLink(repo.resolve("README.md"), passwd);

    assertThatThrownBy(() -> files.parseReadme(checkout()))
        .isInstanceOf(RepositoryRejected.class)
        .hasMessageContaining("README.md leads outside the repository root");
  }

  @Test
  void relativeNamesCannotClimbOutOfTheRoot() {
    RepositoryRoot root = RepositoryRoot.of(repo);
    assertThatThrownBy(() -> root.resolve("../../etc/passwd"))
        .isInstanceOf(RepositoryRejected.class)
        .hasMessage("../../etc/passwd is outside the repository root; refusing it");
  }

  @Test
  void aBinaryReadmeIsRefusedWithOneLine() throws IOException {
    Files.write(repo.resolve("README.md"), new byte[] {'#', ' ', 'x', 0, 1, 2, 3});

    assertThatThrownBy(() -> files.parseReadme(checkout()))
        .isInstanceOf(RepositoryRejected.class)
        .hasMessage("README.md is a binary file, not text; cannot read it");
  }

  @Test
  void anOversizedManifestIsRefusedWithItsSize() throws IOException {
    byte[] huge = new byte[(int) RepositoryRoot.MAX_TEXT_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) 'a');
    Files.write(repo.resolve("pom.xml"), huge);

    assertThatThrownBy(() -> files.inspectBuildFiles(checkout()))
        .isInstanceOf(RepositoryRejected.class)
        .hasMessageStartingWith("pom.xml is 1048577 bytes, over the 1048576-byte limit");
  }

  @Test
  void aLockFileIsNeverReadSoItsSizeDoesNotMatter() throws IOException {
    byte[] huge = new byte[(int) RepositoryRoot.MAX_TEXT_BYTES * 2];
    Files.write(repo.resolve("package-lock.json"), huge);
    Files.writeString(repo.resolve("package.json"), "{\"name\": \"x\"}");

    BuildInventory inventory = files.inspectBuildFiles(checkout());

    assertThat(inventory.files()).extracting(BuildFile::kind).contains("npm-lock", "package-json");
  }

  @Test
  void writeCreatesCiYmlThenLeavesItAloneWithoutForce() throws IOException {
    GeneratedWorkflow first =
        new GeneratedWorkflow(GeneratedWorkflow.PATH, "name: A\n", java.util.List.of());
    GeneratedWorkflow second =
        new GeneratedWorkflow(GeneratedWorkflow.PATH, "name: B\n", java.util.List.of());
    Path ci = repo.resolve(".github/workflows/ci.yml");

    assertThat(files.write(checkout(), first, false).note()).isEqualTo("created");
    assertThat(files.write(checkout(), first, false).note()).isEqualTo("unchanged");
    WriteOutcome refused = files.write(checkout(), second, false);

    assertThat(refused.written()).isFalse();
    assertThat(refused.note()).isEqualTo("exists: pass --force to overwrite it");
    assertThat(Files.readString(ci)).isEqualTo("name: A\n");
    assertThat(files.write(checkout(), second, true).note()).isEqualTo("overwritten");
    assertThat(Files.readString(ci)).isEqualTo("name: B\n");
    try (var listing = Files.list(ci.getParent())) {
      assertThat(listing).containsExactly(ci);
    }
  }

  @Test
  void writeRefusesAGithubDirectorySymlinkedOutside() throws IOException {
    Files.createSymbolicLink(repo.resolve(".github"), elsewhere);
    GeneratedWorkflow yaml =
        new GeneratedWorkflow(GeneratedWorkflow.PATH, "name: A\n", java.util.List.of());

    assertThatThrownBy(() -> files.write(checkout(), yaml, true))
        .isInstanceOf(RepositoryRejected.class)
        .hasMessageContaining("leads outside the repository root");
    try (var listing = Files.list(elsewhere)) {
      assertThat(listing).isEmpty();
    }
  }
}
