package dev.flotilla.cicd;

import java.util.List;

/**
 * One conclusion about the repository with what it rests on.
 *
 * @param directory the package it is about, "" for the root
 * @param name e.g. "java", "spring-boot", "pnpm", "node", "npm test"
 * @param value a version where the category has one (RUNTIME_VERSION), else null
 * @param confidence 0..1: an explicit declaration is near 1, a convention or README mention lower
 */
public record Detection(
    Category category,
    String directory,
    String name,
    String value,
    double confidence,
    List<Evidence> evidence) {

  public Detection {
    evidence = List.copyOf(evidence);
  }

  public enum Category {
    LANGUAGE,
    FRAMEWORK,
    PACKAGE_MANAGER,
    RUNTIME_VERSION,
    INSTALL_COMMAND,
    BUILD_COMMAND,
    TEST_COMMAND,
    LINT_COMMAND,
    CONTAINER
  }
}
