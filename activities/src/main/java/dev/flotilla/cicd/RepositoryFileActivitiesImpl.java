package dev.flotilla.cicd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The repository's files on the worker's disk, every path kept under the root. */
public final class RepositoryFileActivitiesImpl implements RepositoryFileActivities {

  private static final List<String> README_NAMES =
      List.of("README.md", "README.markdown", "readme.md", "Readme.md", "README", "README.txt");

  @Override
  public ReadmeSummary parseReadme(Checkout checkout) {
    RepositoryRoot root = RepositoryRoot.of(Path.of(checkout.root()));
    for (String name : README_NAMES) {
      Path file = root.path().resolve(name);
      if (Files.isRegularFile(file) || Files.isSymbolicLink(file)) {
        return ReadmeParser.parse(name, root.readText(file));
      }
    }
    return ReadmeSummary.none();
  }

  @Override
  public BuildInventory inspectBuildFiles(Checkout checkout) {
    return BuildFileInspector.inspect(RepositoryRoot.of(Path.of(checkout.root())));
  }

  @Override
  public WriteOutcome write(Checkout checkout, GeneratedWorkflow workflow, boolean force) {
    RepositoryRoot root = RepositoryRoot.of(Path.of(checkout.root()));
    Path target = root.resolve(workflow.path());
    try {
      boolean exists = Files.exists(target);
      if (exists) {
        String current = root.readText(target);
        if (current.equals(workflow.yaml())) {
          // A retry after a write that succeeded, or a second run with the same result.
          return new WriteOutcome(workflow.path(), true, "unchanged");
        }
        if (!force) {
          return new WriteOutcome(workflow.path(), false, "exists: pass --force to overwrite it");
        }
      }
      Files.createDirectories(target.getParent());
      root.resolve(workflow.path());
      // Written beside the target and moved into place, so a reader never sees half a file.
      Path temporary = Files.createTempFile(target.getParent(), ".ci-", ".yml.tmp");
      Files.writeString(temporary, workflow.yaml(), StandardCharsets.UTF_8);
      Files.move(
          temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new WriteOutcome(workflow.path(), true, exists ? "overwritten" : "created");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + workflow.path() + ": " + e.getMessage(), e);
    }
  }
}
