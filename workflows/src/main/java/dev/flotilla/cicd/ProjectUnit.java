package dev.flotilla.cicd;

import java.util.List;

/**
 * One buildable package of the repository and how CI builds it; a monorepo has several.
 *
 * @param directory relative to the root, "" for the root
 * @param language java, kotlin, javascript, typescript, python, go, rust, ruby, php, dotnet, cpp, c
 * @param toolchain maven, gradle, npm, yarn, pnpm, pip, poetry, uv, go, cargo, bundler, composer,
 *     dotnet, cmake, make
 * @param versions runtime versions to test on; several make a matrix
 * @param install the dependency install command, null when the build does it
 * @param lint null when no linter is configured
 * @param wrapper whether the build tool's wrapper script (mvnw, gradlew) is committed
 * @param lockFile the lock file caching keys on, relative to the root; null when there is none
 */
public record ProjectUnit(
    String directory,
    String language,
    String toolchain,
    List<String> versions,
    String install,
    String build,
    String test,
    String lint,
    boolean wrapper,
    String lockFile) {

  public ProjectUnit {
    versions = List.copyOf(versions);
  }
}
