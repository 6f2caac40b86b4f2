package dev.flotilla.cicd;

import java.util.List;

/**
 * A build-related file found in the repository and what it says.
 *
 * @param path relative to the repository root, '/' separated
 * @param kind the file's kind: pom, gradle, gradle-settings, package-json, npm-lock, yarn-lock,
 *     pnpm-lock, pyproject, setup-py, requirements, uv-lock, poetry-lock, go-mod, cargo, gemfile,
 *     composer, csproj, sln, cmake, makefile, dockerfile, tool-versions, nvmrc, python-version, ...
 */
public record BuildFile(String path, String kind, List<BuildFact> facts) {
  public BuildFile {
    facts = List.copyOf(facts);
  }

  /** The directory the file is in, "" for the root. */
  public String directory() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
