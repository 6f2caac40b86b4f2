package dev.flotilla.cicd;

import dev.flotilla.cicd.Detection.Category;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Stage 3 as plain code: from the README summary and the build files to the packages CI builds,
 * each conclusion with its evidence and a confidence. Where a declaration exists it wins (a lock
 * file, a script, a pinned version: 0.9 and up); a README command for the same tool comes next
 * (0.6); a toolchain's convention last (0.5), and an assumed default version lowest (0.3).
 */
public final class StackDetector {

  /** Versions used when the repository pins none: current LTS or stable lines. */
  static final Map<String, String> DEFAULT_VERSIONS =
      Map.of(
          "java", "21", "node", "20", "python", "3.12", "go", "stable", "rust", "stable", "ruby",
          "3.3", "php", "8.3", "dotnet", "8.0.x");

  private static final String NPM_DEFAULT_TEST = "no test specified";

  private final ReadmeSummary readme;
  private final Map<String, List<BuildFile>> byDirectory = new LinkedHashMap<>();
  private final List<Detection> detections = new ArrayList<>();
  private final List<Disagreement> disagreements = new ArrayList<>();

  private StackDetector(ReadmeSummary readme, BuildInventory inventory) {
    this.readme = readme;
    for (BuildFile file : inventory.files()) {
      byDirectory.computeIfAbsent(file.directory(), d -> new ArrayList<>()).add(file);
    }
  }

  public static StackReport detect(ReadmeSummary readme, BuildInventory inventory) {
    return new StackDetector(readme, inventory).run(inventory);
  }

  private StackReport run(BuildInventory inventory) {
    List<ProjectUnit> units = new ArrayList<>();
    for (String directory : byDirectory.keySet()) {
      unit(directory).ifPresent(units::add);
    }
    List<String> dockerfiles =
        inventory.files().stream()
            .filter(f -> f.kind().equals("dockerfile"))
            .map(BuildFile::path)
            .toList();
    for (BuildFile dockerfile : inventory.files()) {
      if (dockerfile.kind().equals("dockerfile")) {
        String base =
            dockerfile.facts().stream()
                .filter(f -> f.key().equals("docker.from"))
                .reduce((a, b) -> b)
                .map(BuildFact::value)
                .orElse(null);
        detect(
            Category.CONTAINER,
            dockerfile.directory(),
            "docker",
            base,
            0.95,
            List.of(
                dockerfile.facts().isEmpty()
                    ? Evidence.presence(dockerfile.path())
                    : dockerfile.facts().get(dockerfile.facts().size() - 1).evidence()));
      }
    }
    checkReadme(units, inventory);
    return new StackReport(detections, units, dockerfiles, disagreements);
  }

  // ---- units ------------------------------------------------------------------------------

  private Optional<ProjectUnit> unit(String dir) {
    List<BuildFile> files = byDirectory.get(dir);
    if (has(files, "pom") && !ownedBy(dir, "pom")) {
      return Optional.of(jvm(dir, files, "maven", "pom"));
    }
    if ((has(files, "gradle") || has(files, "gradle-settings"))
        && !ownedBy(dir, "gradle-settings")) {
      return Optional.of(
          jvm(dir, files, "gradle", has(files, "gradle-settings") ? "gradle-settings" : "gradle"));
    }
    if (has(files, "package-json") && !ownedByWorkspace(dir)) {
      return Optional.of(node(dir, files));
    }
    if (Stream.of("pyproject", "setup-py", "requirements", "pipfile").anyMatch(k -> has(files, k))
        && !ownedBy(dir, "pyproject")
        && !ownedBy(dir, "setup-py")) {
      return Optional.of(python(dir, files));
    }
    if (has(files, "go-mod")) {
      return Optional.of(go(dir, files));
    }
    if (has(files, "cargo") && !ownedByCargoWorkspace(dir)) {
      return Optional.of(rust(dir, files));
    }
    if (has(files, "gemfile") && !ownedBy(dir, "gemfile")) {
      return Optional.of(ruby(dir, files));
    }
    if (has(files, "composer") && !ownedBy(dir, "composer")) {
      return Optional.of(php(dir, files));
    }
    if ((has(files, "sln") || has(files, "csproj"))
        && !ownedBy(dir, "sln")
        && !ownedBy(dir, "csproj")) {
      return Optional.of(dotnet(dir, files));
    }
    if (has(files, "cmake") && !ownedBy(dir, "cmake")) {
      return Optional.of(cmake(dir, files));
    }
    if (has(files, "makefile")
        && ancestors(dir)
            .noneMatch(a -> byDirectory.containsKey(a) && unitKinds(byDirectory.get(a)))) {
      return Optional.of(make(dir, files));
    }
    return Optional.empty();
  }

  private ProjectUnit jvm(String dir, List<BuildFile> files, String tool, String manifestKind) {
    BuildFile manifest = file(files, manifestKind);
    String language =
        facts(dir, "language").filter(f -> f.value().equals("kotlin")).findFirst().isPresent()
                || files.stream().anyMatch(f -> f.path().endsWith(".kts"))
                    && facts(dir, "language").findAny().isPresent()
            ? "kotlin"
            : "java";
    detect(Category.LANGUAGE, dir, language, null, 0.95, evidence(manifest, dir, "language"));
    boolean wrapper = has(files, tool.equals("maven") ? "maven-wrapper" : "gradle-wrapper");
    detect(
        Category.PACKAGE_MANAGER,
        dir,
        tool,
        null,
        wrapper ? 0.99 : 0.95,
        wrapper
            ? List.of(
                firstEvidence(
                    file(files, tool.equals("maven") ? "maven-wrapper" : "gradle-wrapper")))
            : List.of(firstEvidence(manifest)));
    frameworks(dir);
    List<String> versions = versions(dir, "java", StackDetector::major);
    String exe =
        tool.equals("maven") ? (wrapper ? "./mvnw" : "mvn") : (wrapper ? "./gradlew" : "gradle");
    Evidence where = firstEvidence(manifest);
    String build, test, lint = null;
    if (tool.equals("maven")) {
      build =
          command(Category.BUILD_COMMAND, dir, exe + " -B -ntp -DskipTests package", 0.9, where);
      test = command(Category.TEST_COMMAND, dir, exe + " -B -ntp verify", 0.9, where);
      Optional<BuildFact> linter = facts(dir, "lint").findFirst();
      if (linter.isPresent()) {
        String goal =
            switch (linter.get().value()) {
              case "spotless" -> "spotless:check";
              case "checkstyle" -> "checkstyle:check";
              default -> "pmd:check";
            };
        lint =
            command(
                Category.LINT_COMMAND, dir, exe + " -B -ntp " + goal, 0.9, linter.get().evidence());
      }
    } else {
      build = command(Category.BUILD_COMMAND, dir, exe + " assemble", 0.9, where);
      test = command(Category.TEST_COMMAND, dir, exe + " test", 0.9, where);
      List<String> tasks = new ArrayList<>();
      List<Evidence> lintEvidence = new ArrayList<>();
      facts(dir, "lint")
          .forEach(
              f -> {
                tasks.add(
                    switch (f.value()) {
                      case "ktlint" -> "ktlintCheck";
                      case "detekt" -> "detekt";
                      case "spotless" -> "spotlessCheck";
                      default -> "checkstyleMain";
                    });
                lintEvidence.add(f.evidence());
              });
      if (!tasks.isEmpty()) {
        lint = exe + " " + String.join(" ", tasks);
        detect(Category.LINT_COMMAND, dir, lint, null, 0.9, lintEvidence);
      }
    }
    lint =
        lint != null
            ? lint
            : readmeCommand(dir, CommandPhase.LINT, tool.equals("maven") ? "mvn" : "gradle");
    return new ProjectUnit(dir, language, tool, versions, null, build, test, lint, wrapper, null);
  }

  private ProjectUnit node(String dir, List<BuildFile> files) {
    BuildFile manifest = file(files, "package-json");
    boolean typescript =
        has(files, "tsconfig")
            || facts(dir, "dependency").anyMatch(f -> f.value().equals("typescript"));
    String language = typescript ? "typescript" : "javascript";
    detect(
        Category.LANGUAGE,
        dir,
        language,
        null,
        typescript ? 0.95 : 0.9,
        typescript && has(files, "tsconfig")
            ? List.of(firstEvidence(file(files, "tsconfig")))
            : List.of(firstEvidence(manifest)));
    frameworks(dir);
    String pm;
    Evidence pmEvidence;
    double pmConfidence = 0.95;
    Optional<BuildFact> declared = facts(dir, "packageManager").findFirst();
    String lockFile = null;
    if (declared.isPresent()) {
      pm = declared.get().value().replaceFirst("@.*", "");
      pmEvidence = declared.get().evidence();
      pmConfidence = 0.99;
    } else if (has(files, "pnpm-lock")) {
      pm = "pnpm";
      pmEvidence = firstEvidence(file(files, "pnpm-lock"));
    } else if (has(files, "yarn-lock")) {
      pm = "yarn";
      pmEvidence = firstEvidence(file(files, "yarn-lock"));
    } else if (has(files, "npm-lock")) {
      pm = "npm";
      pmEvidence = firstEvidence(file(files, "npm-lock"));
    } else {
      pm = "npm";
      pmEvidence = firstEvidence(manifest);
      pmConfidence = 0.6;
    }
    if (!Set.of("npm", "yarn", "pnpm").contains(pm)) {
      pm = "npm";
    }
    for (String kind : List.of("pnpm-lock", "yarn-lock", "npm-lock")) {
      if (has(files, kind) && kind.startsWith(pm)) {
        lockFile = file(files, kind).path();
      }
    }
    detect(Category.PACKAGE_MANAGER, dir, pm, null, pmConfidence, List.of(pmEvidence));
    List<String> versions = versions(dir, "node", StackDetector::nodeMajor);
    boolean berry = has(files, "yarn-berry");
    String install =
        switch (pm) {
          case "pnpm" -> lockFile != null ? "pnpm install --frozen-lockfile" : "pnpm install";
          case "yarn" ->
              berry
                  ? "yarn install --immutable"
                  : lockFile != null ? "yarn install --frozen-lockfile" : "yarn install";
          default -> lockFile != null ? "npm ci" : "npm install";
        };
    command(Category.INSTALL_COMMAND, dir, install, pmConfidence, pmEvidence);
    boolean workspaces =
        facts(dir, "workspace").findAny().isPresent() || has(files, "pnpm-workspace");
    String manager = pm;
    String run = manager.equals("npm") ? "npm run " : manager + " run ";
    String build =
        script(dir, "build")
            .map(f -> command(Category.BUILD_COMMAND, dir, run + "build", 0.95, f.evidence()))
            .orElseGet(() -> workspaces ? workspaceCommand(dir, manager, "build", manifest) : null);
    String test =
        script(dir, "test")
            .filter(f -> !f.value().contains(NPM_DEFAULT_TEST))
            .map(
                f ->
                    command(
                        Category.TEST_COMMAND,
                        dir,
                        manager.equals("npm") ? "npm test" : manager + " test",
                        0.95,
                        f.evidence()))
            .orElseGet(() -> workspaces ? workspaceCommand(dir, manager, "test", manifest) : null);
    String lint =
        script(dir, "lint")
            .map(f -> command(Category.LINT_COMMAND, dir, run + "lint", 0.95, f.evidence()))
            .orElse(null);
    if (lint == null && has(files, "eslint-config")) {
      lint =
          command(
              Category.LINT_COMMAND,
              dir,
              "npx eslint .",
              0.8,
              firstEvidence(file(files, "eslint-config")));
    }
    return new ProjectUnit(
        dir, language, pm, versions, install, build, test, lint, false, lockFile);
  }

  private String workspaceCommand(String dir, String pm, String script, BuildFile manifest) {
    String command =
        switch (pm) {
          case "pnpm" -> "pnpm -r --if-present run " + script;
          case "yarn" -> "yarn workspaces run " + script;
          default -> "npm run " + script + " --workspaces --if-present";
        };
    Category category = script.equals("test") ? Category.TEST_COMMAND : Category.BUILD_COMMAND;
    return command(category, dir, command, 0.7, firstEvidence(manifest));
  }

  private ProjectUnit python(String dir, List<BuildFile> files) {
    BuildFile manifest =
        Stream.of("pyproject", "setup-py", "requirements", "pipfile")
            .filter(k -> has(files, k))
            .map(k -> file(files, k))
            .findFirst()
            .orElseThrow();
    detect(Category.LANGUAGE, dir, "python", null, 0.95, List.of(firstEvidence(manifest)));
    frameworks(dir);
    Optional<BuildFact> poetry =
        facts(dir, "section").filter(f -> f.value().equals("tool.poetry")).findFirst();
    Optional<BuildFact> uv =
        facts(dir, "section").filter(f -> f.value().equals("tool.uv")).findFirst();
    String pm;
    Evidence pmEvidence;
    String lockFile = null;
    if (has(files, "uv-lock") || uv.isPresent()) {
      pm = "uv";
      pmEvidence =
          has(files, "uv-lock") ? firstEvidence(file(files, "uv-lock")) : uv.get().evidence();
      lockFile = has(files, "uv-lock") ? file(files, "uv-lock").path() : null;
    } else if (has(files, "poetry-lock") || poetry.isPresent()) {
      pm = "poetry";
      pmEvidence =
          has(files, "poetry-lock")
              ? firstEvidence(file(files, "poetry-lock"))
              : poetry.get().evidence();
      lockFile = has(files, "poetry-lock") ? file(files, "poetry-lock").path() : null;
    } else {
      pm = "pip";
      pmEvidence = firstEvidence(manifest);
      if (has(files, "requirements")) {
        lockFile = file(files, "requirements").path();
      }
    }
    detect(Category.PACKAGE_MANAGER, dir, pm, null, 0.9, List.of(pmEvidence));
    List<String> versions = pythonVersions(dir);
    String install =
        switch (pm) {
          case "uv" -> "uv sync";
          case "poetry" -> "poetry install --no-interaction";
          default -> {
            List<String> steps = new ArrayList<>();
            steps.add("python -m pip install --upgrade pip");
            if (has(files, "requirements")) {
              files.stream()
                  .filter(f -> f.kind().equals("requirements"))
                  .map(
                      f ->
                          "pip install -r "
                              + f.path().substring(dir.isEmpty() ? 0 : dir.length() + 1))
                  .forEach(steps::add);
            }
            if (has(files, "pyproject") || has(files, "setup-py")) {
              steps.add("pip install -e .");
            }
            yield String.join("\n", steps);
          }
        };
    command(Category.INSTALL_COMMAND, dir, install, 0.9, pmEvidence);
    String prefix =
        switch (pm) {
          case "uv" -> "uv run ";
          case "poetry" -> "poetry run ";
          default -> "";
        };
    Optional<Evidence> pytest =
        Stream.of(
                facts(dir, "dependency")
                    .filter(f -> f.value().equals("pytest"))
                    .map(BuildFact::evidence),
                facts(dir, "section")
                    .filter(f -> f.value().equals("tool.pytest.ini_options"))
                    .map(BuildFact::evidence),
                files.stream()
                    .filter(f -> f.kind().equals("pytest-config"))
                    .map(StackDetector::firstEvidence))
            .flatMap(s -> s)
            .findFirst();
    Optional<BuildFact> tox = facts(dir, "tox.envlist").findFirst();
    String test;
    Optional<BuildFact> django =
        facts(dir, "dependency").filter(f -> f.value().equals("django")).findFirst();
    if (pytest.isPresent()) {
      test = command(Category.TEST_COMMAND, dir, prefix + "pytest", 0.9, pytest.get());
    } else if (django.isPresent()) {
      test =
          command(
              Category.TEST_COMMAND,
              dir,
              prefix + "python manage.py test",
              0.8,
              django.get().evidence());
    } else {
      String fromReadme = readmeCommand(dir, CommandPhase.TEST, "python");
      test =
          fromReadme != null
              ? prefix + fromReadme.replaceFirst("^(poetry run |uv run )", "")
              : command(
                  Category.TEST_COMMAND,
                  dir,
                  prefix + "python -m unittest discover",
                  0.5,
                  firstEvidence(manifest));
    }
    if (tox.isPresent() && pm.equals("pip") && !pytest.isPresent()) {
      test =
          command(Category.TEST_COMMAND, dir, "pip install tox && tox", 0.8, tox.get().evidence());
    }
    String lint = null;
    for (String linter : List.of("ruff", "flake8", "black", "mypy")) {
      Optional<Evidence> seen =
          Stream.of(
                  facts(dir, "dependency")
                      .filter(f -> f.value().equals(linter))
                      .map(BuildFact::evidence),
                  facts(dir, "section")
                      .filter(f -> f.value().equals("tool." + linter))
                      .map(BuildFact::evidence),
                  facts(dir, "lint").filter(f -> f.value().equals(linter)).map(BuildFact::evidence),
                  files.stream()
                      .filter(f -> f.kind().equals(linter + "-config"))
                      .map(StackDetector::firstEvidence))
              .flatMap(s -> s)
              .findFirst();
      if (seen.isPresent()) {
        String line =
            switch (linter) {
              case "ruff" -> "ruff check .";
              case "black" -> "black --check .";
              case "mypy" -> "mypy .";
              default -> "flake8";
            };
        String runner = pm.equals("pip") ? "pip install " + linter + " && " : prefix;
        lint = command(Category.LINT_COMMAND, dir, runner + line, 0.85, seen.get());
        break;
      }
    }
    String build =
        switch (pm) {
          case "uv" ->
              has(files, "pyproject")
                  ? command(Category.BUILD_COMMAND, dir, "uv build", 0.7, firstEvidence(manifest))
                  : null;
          case "poetry" ->
              command(Category.BUILD_COMMAND, dir, "poetry build", 0.7, firstEvidence(manifest));
          default -> null;
        };
    return new ProjectUnit(
        dir, "python", pm, versions, install, build, test, lint, false, lockFile);
  }

  private ProjectUnit go(String dir, List<BuildFile> files) {
    BuildFile manifest = file(files, "go-mod");
    detect(Category.LANGUAGE, dir, "go", null, 0.99, List.of(firstEvidence(manifest)));
    detect(
        Category.PACKAGE_MANAGER, dir, "go modules", null, 0.99, List.of(firstEvidence(manifest)));
    frameworks(dir);
    List<String> versions = versions(dir, "go", v -> v);
    String build =
        command(Category.BUILD_COMMAND, dir, "go build ./...", 0.9, firstEvidence(manifest));
    String test =
        command(Category.TEST_COMMAND, dir, "go test ./...", 0.9, firstEvidence(manifest));
    String lint =
        has(files, "golangci-config")
            ? command(
                Category.LINT_COMMAND,
                dir,
                "golangci-lint run",
                0.9,
                firstEvidence(file(files, "golangci-config")))
            : command(Category.LINT_COMMAND, dir, "go vet ./...", 0.6, firstEvidence(manifest));
    String lock = has(files, "go-sum") ? file(files, "go-sum").path() : null;
    return new ProjectUnit(dir, "go", "go", versions, null, build, test, lint, false, lock);
  }

  private ProjectUnit rust(String dir, List<BuildFile> files) {
    BuildFile manifest = file(files, "cargo");
    detect(Category.LANGUAGE, dir, "rust", null, 0.99, List.of(firstEvidence(manifest)));
    detect(Category.PACKAGE_MANAGER, dir, "cargo", null, 0.99, List.of(firstEvidence(manifest)));
    frameworks(dir);
    List<String> versions = new ArrayList<>(versions(dir, "rust", v -> v));
    Optional<BuildFact> msrv = facts(dir, "version.rust").findFirst();
    if (msrv.isPresent()
        && msrv.get().evidence().file().endsWith("Cargo.toml")
        && !versions.contains("stable")) {
      versions.add("stable");
    }
    String build =
        command(
            Category.BUILD_COMMAND, dir, "cargo build --all-targets", 0.9, firstEvidence(manifest));
    String test = command(Category.TEST_COMMAND, dir, "cargo test", 0.9, firstEvidence(manifest));
    List<String> lints = new ArrayList<>();
    if (has(files, "rustfmt-config")) {
      lints.add(
          command(
              Category.LINT_COMMAND,
              dir,
              "cargo fmt --all -- --check",
              0.9,
              firstEvidence(file(files, "rustfmt-config"))));
    }
    if (has(files, "clippy-config")) {
      lints.add(
          command(
              Category.LINT_COMMAND,
              dir,
              "cargo clippy --all-targets -- -D warnings",
              0.9,
              firstEvidence(file(files, "clippy-config"))));
    }
    String fromReadme = readmeCommand(dir, CommandPhase.LINT, "cargo");
    if (fromReadme != null
        && lints.stream().noneMatch(l -> l.startsWith(fromReadme.split(" -")[0]))) {
      lints.add(fromReadme);
    }
    String lint = lints.isEmpty() ? null : String.join("\n", lints);
    String lock = has(files, "cargo-lock") ? file(files, "cargo-lock").path() : null;
    return new ProjectUnit(dir, "rust", "cargo", versions, null, build, test, lint, false, lock);
  }

  private ProjectUnit ruby(String dir, List<BuildFile> files) {
    BuildFile manifest = file(files, "gemfile");
    detect(Category.LANGUAGE, dir, "ruby", null, 0.99, List.of(firstEvidence(manifest)));
    detect(
        Category.PACKAGE_MANAGER,
        dir,
        "bundler",
        null,
        has(files, "gemfile-lock") ? 0.99 : 0.9,
        List.of(firstEvidence(manifest)));
    frameworks(dir);
    List<String> versions = versions(dir, "ruby", v -> v.replaceFirst("^ruby-", ""));
    Optional<BuildFact> rspec =
        facts(dir, "dependency").filter(f -> f.value().equals("rspec")).findFirst();
    Optional<BuildFact> rails =
        facts(dir, "dependency").filter(f -> f.value().equals("rails")).findFirst();
    String test =
        rspec
            .map(f -> command(Category.TEST_COMMAND, dir, "bundle exec rspec", 0.9, f.evidence()))
            .orElseGet(
                () ->
                    rails
                        .map(
                            f ->
                                command(
                                    Category.TEST_COMMAND,
                                    dir,
                                    "bin/rails test",
                                    0.85,
                                    f.evidence()))
                        .orElseGet(
                            () ->
                                command(
                                    Category.TEST_COMMAND,
                                    dir,
                                    "bundle exec rake test",
                                    0.6,
                                    firstEvidence(manifest))));
    String lint =
        facts(dir, "dependency")
            .filter(f -> f.value().equals("rubocop") || f.value().equals("standard"))
            .findFirst()
            .map(
                f ->
                    command(
                        Category.LINT_COMMAND,
                        dir,
                        f.value().equals("rubocop")
                            ? "bundle exec rubocop"
                            : "bundle exec standardrb",
                        0.9,
                        f.evidence()))
            .orElse(null);
    String lock = has(files, "gemfile-lock") ? file(files, "gemfile-lock").path() : null;
    return new ProjectUnit(dir, "ruby", "bundler", versions, null, null, test, lint, false, lock);
  }

  private ProjectUnit php(String dir, List<BuildFile> files) {
    BuildFile manifest = file(files, "composer");
    detect(Category.LANGUAGE, dir, "php", null, 0.99, List.of(firstEvidence(manifest)));
    detect(Category.PACKAGE_MANAGER, dir, "composer", null, 0.99, List.of(firstEvidence(manifest)));
    frameworks(dir);
    List<String> versions = versions(dir, "php", StackDetector::minorFromRange);
    String install =
        command(
            Category.INSTALL_COMMAND,
            dir,
            "composer install --no-interaction --prefer-dist --no-progress",
            0.95,
            firstEvidence(manifest));
    String test =
        script(dir, "test")
            .map(f -> command(Category.TEST_COMMAND, dir, "composer test", 0.95, f.evidence()))
            .orElseGet(
                () ->
                    facts(dir, "dependency")
                        .filter(f -> f.value().equals("phpunit") || f.value().equals("pest"))
                        .findFirst()
                        .map(
                            f ->
                                command(
                                    Category.TEST_COMMAND,
                                    dir,
                                    "vendor/bin/" + (f.value().equals("pest") ? "pest" : "phpunit"),
                                    0.9,
                                    f.evidence()))
                        .orElse(null));
    String lint =
        script(dir, "lint")
            .map(f -> command(Category.LINT_COMMAND, dir, "composer lint", 0.95, f.evidence()))
            .orElseGet(
                () ->
                    facts(dir, "dependency")
                        .filter(f -> Set.of("phpstan", "phpcs", "php-cs-fixer").contains(f.value()))
                        .findFirst()
                        .map(
                            f ->
                                command(
                                    Category.LINT_COMMAND,
                                    dir,
                                    switch (f.value()) {
                                      case "phpstan" -> "vendor/bin/phpstan analyse";
                                      case "phpcs" -> "vendor/bin/phpcs";
                                      default -> "vendor/bin/php-cs-fixer fix --dry-run --diff";
                                    },
                                    0.9,
                                    f.evidence()))
                        .orElse(null));
    String lock = has(files, "composer-lock") ? file(files, "composer-lock").path() : null;
    return new ProjectUnit(
        dir, "php", "composer", versions, install, null, test, lint, false, lock);
  }

  private ProjectUnit dotnet(String dir, List<BuildFile> files) {
    BuildFile manifest = has(files, "sln") ? file(files, "sln") : file(files, "csproj");
    detect(
        Category.LANGUAGE,
        dir,
        "csharp",
        null,
        files.stream().anyMatch(f -> f.path().endsWith(".csproj")) || has(files, "sln") ? 0.9 : 0.7,
        List.of(firstEvidence(manifest)));
    detect(Category.PACKAGE_MANAGER, dir, "nuget", null, 0.9, List.of(firstEvidence(manifest)));
    frameworks(dir);
    TreeSet<String> versions = new TreeSet<>();
    List<Evidence> versionEvidence = new ArrayList<>();
    Stream.concat(facts(dir, "version.dotnet"), facts(dir, "sdk.dotnet"))
        .forEach(
            f -> {
              Matcher m = Pattern.compile("(?:net|netcoreapp)?(\\d+)\\.(\\d+)").matcher(f.value());
              if (m.find() && Integer.parseInt(m.group(1)) >= 5
                  || f.key().equals("sdk.dotnet") && m.find(0)) {
                versions.add(m.group(1) + "." + m.group(2) + ".x");
                versionEvidence.add(f.evidence());
              }
            });
    List<String> list = versions.isEmpty() ? defaultVersion(dir, "dotnet") : List.copyOf(versions);
    if (!versions.isEmpty()) {
      list.forEach(v -> detect(Category.RUNTIME_VERSION, dir, "dotnet", v, 0.95, versionEvidence));
    }
    String install =
        command(Category.INSTALL_COMMAND, dir, "dotnet restore", 0.9, firstEvidence(manifest));
    String build =
        command(
            Category.BUILD_COMMAND,
            dir,
            "dotnet build --no-restore --configuration Release",
            0.9,
            firstEvidence(manifest));
    String test =
        command(
            Category.TEST_COMMAND,
            dir,
            "dotnet test --no-build --configuration Release",
            0.85,
            firstEvidence(manifest));
    String lint = readmeCommand(dir, CommandPhase.LINT, "dotnet");
    return new ProjectUnit(dir, "csharp", "dotnet", list, install, build, test, lint, false, null);
  }

  private ProjectUnit cmake(String dir, List<BuildFile> files) {
    BuildFile manifest = file(files, "cmake");
    String languages =
        facts(dir, "cmake.languages").findFirst().map(BuildFact::value).orElse("CXX");
    String language = languages.toUpperCase().contains("CXX") ? "cpp" : "c";
    detect(Category.LANGUAGE, dir, language, null, 0.9, List.of(firstEvidence(manifest)));
    detect(Category.PACKAGE_MANAGER, dir, "cmake", null, 0.95, List.of(firstEvidence(manifest)));
    String build =
        command(
            Category.BUILD_COMMAND,
            dir,
            "cmake -S . -B build -DCMAKE_BUILD_TYPE=Release\ncmake --build build --parallel",
            0.9,
            firstEvidence(manifest));
    String test =
        facts(dir, "test")
            .findFirst()
            .map(
                f ->
                    command(
                        Category.TEST_COMMAND,
                        dir,
                        "ctest --test-dir build --output-on-failure",
                        0.9,
                        f.evidence()))
            .orElse(null);
    return new ProjectUnit(
        dir, language, "cmake", List.of(), null, build, test, makeTarget(dir, "lint"), false, null);
  }

  private ProjectUnit make(String dir, List<BuildFile> files) {
    BuildFile manifest = file(files, "makefile");
    detect(Category.PACKAGE_MANAGER, dir, "make", null, 0.8, List.of(firstEvidence(manifest)));
    String build =
        facts(dir, "make.target")
            .filter(f -> Set.of("all", "build").contains(f.value()))
            .findFirst()
            .map(
                f ->
                    command(
                        Category.BUILD_COMMAND,
                        dir,
                        f.value().equals("all") ? "make" : "make build",
                        0.9,
                        f.evidence()))
            .orElseGet(
                () -> command(Category.BUILD_COMMAND, dir, "make", 0.6, firstEvidence(manifest)));
    String test = Optional.ofNullable(makeTarget(dir, "test")).orElse(makeTarget(dir, "check"));
    return new ProjectUnit(
        dir, "c", "make", List.of(), null, build, test, makeTarget(dir, "lint"), false, null);
  }

  private String makeTarget(String dir, String target) {
    return facts(dir, "make.target")
        .filter(f -> f.value().equals(target))
        .findFirst()
        .map(
            f ->
                command(
                    target.equals("lint") ? Category.LINT_COMMAND : Category.TEST_COMMAND,
                    dir,
                    "make " + target,
                    0.9,
                    f.evidence()))
        .orElse(null);
  }

  // ---- versions ---------------------------------------------------------------------------

  private List<String> versions(
      String dir, String runtime, java.util.function.Function<String, String> normalise) {
    Map<String, List<Evidence>> found = new LinkedHashMap<>();
    List<BuildFact> declared =
        Stream.concat(
                deepFacts(dir, "version." + runtime),
                dir.isEmpty() ? Stream.empty() : rootFacts("version." + runtime))
            .toList();
    for (BuildFact fact : declared) {
      String version = normalise.apply(fact.value());
      if (version != null && !version.isBlank()) {
        found.computeIfAbsent(version, v -> new ArrayList<>()).add(fact.evidence());
      }
    }
    if (found.isEmpty()) {
      return defaultVersion(dir, runtime);
    }
    found.forEach(
        (version, evidence) ->
            detect(Category.RUNTIME_VERSION, dir, runtime, version, 0.95, evidence));
    return sortVersions(found.keySet());
  }

  private List<String> pythonVersions(String dir) {
    Map<String, List<Evidence>> found = new LinkedHashMap<>();
    Stream.of(
            facts(dir, "version.python"),
            facts(dir, "classifier.python"),
            dir.isEmpty() ? Stream.<BuildFact>empty() : rootFacts("version.python"))
        .flatMap(x -> x)
        .forEach(
            f -> {
              String v = minorFromRange(f.value());
              if (v != null) {
                found.computeIfAbsent(v, x -> new ArrayList<>()).add(f.evidence());
              }
            });
    facts(dir, "tox.envlist")
        .forEach(
            f -> {
              Matcher m = Pattern.compile("py3(\\d+)").matcher(f.value());
              while (m.find()) {
                found.computeIfAbsent("3." + m.group(1), x -> new ArrayList<>()).add(f.evidence());
              }
            });
    if (found.isEmpty()) {
      return defaultVersion(dir, "python");
    }
    found.forEach(
        (version, evidence) ->
            detect(Category.RUNTIME_VERSION, dir, "python", version, 0.95, evidence));
    return sortVersions(found.keySet());
  }

  private List<String> defaultVersion(String dir, String runtime) {
    String version = DEFAULT_VERSIONS.get(runtime);
    detect(
        Category.RUNTIME_VERSION,
        dir,
        runtime,
        version,
        0.3,
        List.of(
            new Evidence(
                "(none)", 0, "no version pinned; using the current " + version + " line")));
    return List.of(version);
  }

  private static List<String> sortVersions(Set<String> versions) {
    return versions.stream().sorted(Comparator.comparing(StackDetector::versionKey)).toList();
  }

  private static String versionKey(String version) {
    StringBuilder key = new StringBuilder();
    for (String part : version.split("[.-]")) {
      key.append(part.matches("\\d+") ? String.format("%05d", Integer.parseInt(part)) : "~" + part)
          .append('.');
    }
    return key.toString();
  }

  /** "21", "1.8" → "8", "temurin-21.0.2" → "21", "17.0.9+9" → "17". */
  static String major(String value) {
    Matcher m = Pattern.compile("(\\d+)(?:\\.(\\d+))?").matcher(value);
    if (!m.find()) {
      return null;
    }
    return m.group(1).equals("1") && m.group(2) != null ? m.group(2) : m.group(1);
  }

  /** ">=18", "^20.1.0", "v18.17.0", "lts/iron" → a major setup-node accepts. */
  static String nodeMajor(String value) {
    String lts =
        switch (value.strip().toLowerCase()) {
          case "lts/hydrogen" -> "18";
          case "lts/iron" -> "20";
          case "lts/jod" -> "22";
          case "lts/*", "node", "lts" -> "lts/*";
          default -> null;
        };
    if (lts != null) {
      return lts;
    }
    Matcher m = Pattern.compile("(\\d+)").matcher(value);
    return m.find() ? m.group(1) : null;
  }

  /** ">=3.10", "^3.11", "3.12.1", "~=8.2" → "3.10", "3.11", "3.12", "8.2". */
  static String minorFromRange(String value) {
    Matcher m = Pattern.compile("(\\d+)\\.(\\d+)").matcher(value);
    if (m.find()) {
      return m.group(1) + "." + m.group(2);
    }
    Matcher major = Pattern.compile("(\\d+)").matcher(value);
    return major.find() ? major.group(1) + ".0" : null;
  }

  // ---- frameworks, README ----------------------------------------------------------------

  private static final Set<String> FRAMEWORKS =
      Set.of(
          "spring-boot",
          "quarkus",
          "micronaut",
          "ktor",
          "android",
          "react",
          "next",
          "vue",
          "angular",
          "express",
          "nestjs",
          "svelte",
          "fastify",
          "django",
          "flask",
          "fastapi",
          "gin",
          "echo",
          "cobra",
          "fiber",
          "actix-web",
          "axum",
          "rocket",
          "rails",
          "sinatra",
          "laravel",
          "symfony",
          "aspnetcore");

  private void frameworks(String dir) {
    Stream.concat(deepFacts(dir, "framework"), deepFacts(dir, "dependency"))
        .filter(f -> FRAMEWORKS.contains(f.value()))
        .forEach(f -> detect(Category.FRAMEWORK, dir, f.value(), null, 0.9, List.of(f.evidence())));
    deepFacts(dir, "dotnet.sdk")
        .filter(f -> f.value().endsWith(".Web"))
        .findFirst()
        .ifPresent(
            f -> detect(Category.FRAMEWORK, dir, "aspnetcore", null, 0.95, List.of(f.evidence())));
  }

  /** A README command for this toolchain and phase, used where the build files say nothing. */
  private String readmeCommand(String dir, CommandPhase phase, String tool) {
    return readme.commands().stream()
        .filter(c -> c.phase() == phase && c.tool().equals(tool))
        .findFirst()
        .map(
            c ->
                command(
                    switch (phase) {
                      case LINT -> Category.LINT_COMMAND;
                      case TEST -> Category.TEST_COMMAND;
                      case INSTALL -> Category.INSTALL_COMMAND;
                      default -> Category.BUILD_COMMAND;
                    },
                    dir,
                    c.command(),
                    0.6,
                    c.evidence()))
        .orElse(null);
  }

  private static final Map<String, Set<String>> TOOL_FAMILIES =
      Map.of(
          "mvn",
          Set.of("maven"),
          "gradle",
          Set.of("gradle"),
          "npm",
          Set.of("npm"),
          "yarn",
          Set.of("yarn"),
          "pnpm",
          Set.of("pnpm"),
          "poetry",
          Set.of("poetry"),
          "uv",
          Set.of("uv"),
          "pip",
          Set.of("pip", "poetry", "uv"),
          "python",
          Set.of("pip", "poetry", "uv"),
          "node",
          Set.of("npm", "yarn", "pnpm"));

  /** Every README command must fit what the build files say; each misfit is reported. */
  private void checkReadme(List<ProjectUnit> units, BuildInventory inventory) {
    Set<String> reported = new LinkedHashSet<>();
    for (ReadmeCommand command : readme.commands()) {
      if (command.phase() == CommandPhase.RUN) {
        continue;
      }
      String tool = command.tool();
      Set<String> family = TOOL_FAMILIES.getOrDefault(tool, Set.of(tool));
      String problem = null;
      Evidence buildEvidence = null;
      if (tool.equals("docker")) {
        if (inventory.files().stream().noneMatch(f -> f.kind().equals("dockerfile"))) {
          problem = "README runs `" + command.command() + "` but the repository has no Dockerfile";
        }
      } else if (tool.equals("make")) {
        List<BuildFile> makefiles =
            inventory.files().stream().filter(f -> f.kind().equals("makefile")).toList();
        String target = command.command().replaceFirst("^make\\s*", "").split("\\s+")[0];
        boolean cmakeGenerates = units.stream().anyMatch(u -> u.toolchain().equals("cmake"));
        if (makefiles.isEmpty() && !cmakeGenerates) {
          problem = "README runs `" + command.command() + "` but the repository has no Makefile";
        } else if (!makefiles.isEmpty()
            && !target.isEmpty()
            && !target.startsWith("-")
            && makefiles.stream()
                .flatMap(f -> f.facts().stream())
                .noneMatch(f -> f.value().equals(target))) {
          problem =
              "README runs `"
                  + command.command()
                  + "` but no Makefile has a `"
                  + target
                  + "` target";
          buildEvidence = firstEvidence(makefiles.get(0));
        }
      } else {
        List<ProjectUnit> same =
            units.stream().filter(u -> family.contains(u.toolchain())).toList();
        if (same.isEmpty()) {
          List<ProjectUnit> related =
              units.stream().filter(u -> sameEcosystem(tool, u.toolchain())).toList();
          if (!related.isEmpty()) {
            ProjectUnit unit = related.get(0);
            problem =
                "README uses "
                    + tool
                    + " (`"
                    + command.command()
                    + "`) but the build files say "
                    + unit.toolchain()
                    + "; the workflow follows the build files";
            buildEvidence =
                detections.stream()
                    .filter(
                        d ->
                            d.category() == Category.PACKAGE_MANAGER
                                && d.directory().equals(unit.directory()))
                    .flatMap(d -> d.evidence().stream())
                    .findFirst()
                    .orElse(null);
          } else if (!units.isEmpty() || !tool.equals("python")) {
            problem =
                "README uses "
                    + tool
                    + " (`"
                    + command.command()
                    + "`) but no build file for "
                    + tool
                    + " was found";
          }
        } else if (Set.of("npm", "yarn", "pnpm").contains(tool)) {
          Matcher script =
              Pattern.compile("^(?:npm|yarn|pnpm)\\s+(?:-\\S+\\s+)*(?:run\\s+)?([\\w:-]+)")
                  .matcher(command.command());
          if (script.find()
              && !Set.of("install", "ci", "i", "test", "t", "add", "exec").contains(script.group(1))
              && same.stream()
                  .noneMatch(
                      u ->
                          facts(u.directory(), "script." + script.group(1))
                              .findAny()
                              .isPresent())) {
            problem =
                "README runs `"
                    + command.command()
                    + "` but package.json has no `"
                    + script.group(1)
                    + "` script";
          }
        }
      }
      if (problem != null && reported.add(problem)) {
        disagreements.add(new Disagreement(problem, command.evidence(), buildEvidence));
      }
    }
  }

  private static boolean sameEcosystem(String tool, String toolchain) {
    List<Set<String>> ecosystems =
        List.of(
            Set.of("mvn", "gradle", "maven"),
            Set.of("npm", "yarn", "pnpm", "node"),
            Set.of("pip", "poetry", "uv", "python"));
    return ecosystems.stream().anyMatch(e -> e.contains(tool) && e.contains(toolchain));
  }

  // ---- helpers ---------------------------------------------------------------------------

  private String command(
      Category category, String dir, String command, double confidence, Evidence evidence) {
    detect(
        category, dir, command, null, confidence, evidence == null ? List.of() : List.of(evidence));
    return command;
  }

  private void detect(
      Category category,
      String dir,
      String name,
      String value,
      double confidence,
      List<Evidence> evidence) {
    boolean known =
        detections.stream()
            .anyMatch(
                d ->
                    d.category() == category
                        && d.directory().equals(dir)
                        && d.name().equals(name)
                        && java.util.Objects.equals(d.value(), value));
    if (!known) {
      detections.add(new Detection(category, dir, name, value, confidence, evidence));
    }
  }

  private Optional<BuildFact> script(String dir, String name) {
    return facts(dir, "script." + name).findFirst();
  }

  private Stream<BuildFact> facts(String dir, String key) {
    return byDirectory.getOrDefault(dir, List.of()).stream()
        .flatMap(f -> f.facts().stream())
        .filter(f -> f.key().equals(key));
  }

  /**
   * The facts of a directory and every directory below it: a multi-module build declares its Java
   * version or framework in a module as often as at the top.
   */
  private Stream<BuildFact> deepFacts(String dir, String key) {
    return byDirectory.entrySet().stream()
        .filter(e -> dir.isEmpty() || e.getKey().equals(dir) || e.getKey().startsWith(dir + "/"))
        .flatMap(e -> e.getValue().stream())
        .flatMap(f -> f.facts().stream())
        .filter(f -> f.key().equals(key));
  }

  private Stream<BuildFact> rootFacts(String key) {
    // Version files at the root (.tool-versions, .nvmrc) apply to every package below.
    return byDirectory.getOrDefault("", List.of()).stream()
        .filter(
            f ->
                Set.of(
                        "tool-versions",
                        "nvmrc",
                        "python-version",
                        "ruby-version",
                        "go-version",
                        "java-version")
                    .contains(f.kind()))
        .flatMap(f -> f.facts().stream())
        .filter(f -> f.key().equals(key));
  }

  private List<Evidence> evidence(BuildFile manifest, String dir, String key) {
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(firstEvidence(manifest));
    facts(dir, key).map(BuildFact::evidence).forEach(evidence::add);
    return evidence;
  }

  /** The file itself as evidence: what it declares line by line is in its facts. */
  private static Evidence firstEvidence(BuildFile file) {
    return Evidence.presence(file.path());
  }

  private static boolean has(List<BuildFile> files, String kind) {
    return files.stream().anyMatch(f -> f.kind().equals(kind));
  }

  private static BuildFile file(List<BuildFile> files, String kind) {
    return files.stream().filter(f -> f.kind().equals(kind)).findFirst().orElseThrow();
  }

  private boolean ownedBy(String dir, String kind) {
    return ancestors(dir)
        .anyMatch(a -> byDirectory.containsKey(a) && has(byDirectory.get(a), kind));
  }

  private boolean ownedByWorkspace(String dir) {
    return ancestors(dir)
        .anyMatch(
            a ->
                byDirectory.containsKey(a)
                    && (has(byDirectory.get(a), "pnpm-workspace")
                        || facts(a, "workspace").findAny().isPresent()
                            && has(byDirectory.get(a), "package-json")));
  }

  private boolean ownedByCargoWorkspace(String dir) {
    return ancestors(dir)
        .anyMatch(a -> facts(a, "section").anyMatch(f -> f.value().equals("workspace")));
  }

  private static final Set<String> UNIT_KINDS =
      Set.of(
          "pom",
          "gradle",
          "gradle-settings",
          "package-json",
          "pyproject",
          "setup-py",
          "go-mod",
          "cargo",
          "gemfile",
          "composer",
          "csproj",
          "sln",
          "cmake",
          "makefile",
          "requirements");

  private static boolean unitKinds(List<BuildFile> files) {
    Predicate<BuildFile> unit = f -> UNIT_KINDS.contains(f.kind());
    return files.stream().anyMatch(unit);
  }

  /** "a/b/c" → "a/b", "a", "". */
  private static Stream<String> ancestors(String dir) {
    List<String> result = new ArrayList<>();
    String current = dir;
    while (!current.isEmpty()) {
      int slash = current.lastIndexOf('/');
      current = slash < 0 ? "" : current.substring(0, slash);
      result.add(current);
    }
    return result.stream();
  }
}
