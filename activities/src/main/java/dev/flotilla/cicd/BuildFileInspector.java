package dev.flotilla.cicd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stage 2 as plain code: finds the build files of a repository (four directories deep, skipping
 * dependency and output directories) and pulls out what CI needs, each fact with its line. Lock
 * files are recognised by name and never read: they can be many megabytes and their presence is the
 * fact.
 */
public final class BuildFileInspector {
  private static final int MAX_DEPTH = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Set<String> SKIPPED_DIRECTORIES =
      Set.of(
          ".git",
          "node_modules",
          "target",
          "build",
          "dist",
          "vendor",
          ".venv",
          "venv",
          "__pycache__",
          ".gradle",
          ".idea",
          "bin",
          "obj",
          "out",
          ".next",
          ".tox",
          "coverage",
          ".mvn",
          ".github",
          "testdata",
          "fixtures",
          "examples",
          "docs");

  /** Files whose presence alone is the fact, never read. */
  private static final Map<String, String> PRESENCE =
      Map.ofEntries(
          Map.entry("package-lock.json", "npm-lock"),
          Map.entry("npm-shrinkwrap.json", "npm-lock"),
          Map.entry("yarn.lock", "yarn-lock"),
          Map.entry(".yarnrc.yml", "yarn-berry"),
          Map.entry("pnpm-lock.yaml", "pnpm-lock"),
          Map.entry("bun.lockb", "bun-lock"),
          Map.entry("uv.lock", "uv-lock"),
          Map.entry("poetry.lock", "poetry-lock"),
          Map.entry("Pipfile.lock", "pipenv-lock"),
          Map.entry("Gemfile.lock", "gemfile-lock"),
          Map.entry("composer.lock", "composer-lock"),
          Map.entry("Cargo.lock", "cargo-lock"),
          Map.entry("go.sum", "go-sum"),
          Map.entry("mvnw", "maven-wrapper"),
          Map.entry("gradlew", "gradle-wrapper"),
          Map.entry("tsconfig.json", "tsconfig"),
          Map.entry(".eslintrc", "eslint-config"),
          Map.entry(".eslintrc.js", "eslint-config"),
          Map.entry(".eslintrc.cjs", "eslint-config"),
          Map.entry(".eslintrc.json", "eslint-config"),
          Map.entry(".eslintrc.yml", "eslint-config"),
          Map.entry("eslint.config.js", "eslint-config"),
          Map.entry("eslint.config.mjs", "eslint-config"),
          Map.entry(".golangci.yml", "golangci-config"),
          Map.entry(".golangci.yaml", "golangci-config"),
          Map.entry(".rubocop.yml", "rubocop-config"),
          Map.entry("phpstan.neon", "phpstan-config"),
          Map.entry("phpstan.neon.dist", "phpstan-config"),
          Map.entry("phpunit.xml", "phpunit-config"),
          Map.entry("phpunit.xml.dist", "phpunit-config"),
          Map.entry("clippy.toml", "clippy-config"),
          Map.entry("rustfmt.toml", "rustfmt-config"),
          Map.entry(".flake8", "flake8-config"),
          Map.entry("ruff.toml", "ruff-config"),
          Map.entry("pytest.ini", "pytest-config"),
          Map.entry("conftest.py", "pytest-config"));

  /** A file's kind by its exact name; null when it is not a build file. */
  static String kind(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (PRESENCE.containsKey(name)) {
      return PRESENCE.get(name);
    }
    return switch (name) {
      case "pom.xml" -> "pom";
      case "build.gradle", "build.gradle.kts" -> "gradle";
      case "settings.gradle", "settings.gradle.kts" -> "gradle-settings";
      case "package.json" -> "package-json";
      case "pnpm-workspace.yaml" -> "pnpm-workspace";
      case "pyproject.toml" -> "pyproject";
      case "setup.py" -> "setup-py";
      case "setup.cfg" -> "setup-cfg";
      case "tox.ini" -> "tox";
      case "Pipfile" -> "pipfile";
      case "go.mod" -> "go-mod";
      case "go.work" -> "go-work";
      case "Cargo.toml" -> "cargo";
      case "rust-toolchain", "rust-toolchain.toml" -> "rust-toolchain";
      case "Gemfile" -> "gemfile";
      case "composer.json" -> "composer";
      case "global.json" -> "dotnet-global";
      case "CMakeLists.txt" -> "cmake";
      case "Makefile", "makefile", "GNUmakefile" -> "makefile";
      case ".tool-versions" -> "tool-versions";
      case ".nvmrc", ".node-version" -> "nvmrc";
      case ".python-version" -> "python-version";
      case ".ruby-version" -> "ruby-version";
      case ".go-version" -> "go-version";
      case ".java-version" -> "java-version";
      default -> {
        if (lower.startsWith("requirements") && lower.endsWith(".txt")) {
          yield "requirements";
        }
        if (lower.endsWith(".csproj") || lower.endsWith(".fsproj") || lower.endsWith(".vbproj")) {
          yield "csproj";
        }
        if (lower.endsWith(".sln")) {
          yield "sln";
        }
        if (name.equals("Dockerfile")
            || name.startsWith("Dockerfile.")
            || lower.endsWith(".dockerfile")) {
          yield "dockerfile";
        }
        yield null;
      }
    };
  }

  private BuildFileInspector() {}

  public static BuildInventory inspect(RepositoryRoot root) {
    List<Path> found = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    try {
      Files.walkFileTree(
          root.path(),
          EnumSet.noneOf(java.nio.file.FileVisitOption.class),
          MAX_DEPTH,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (!dir.equals(root.path())
                  && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (kind(file.getFileName().toString()) != null) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              skipped.add(root.relative(file) + ": " + e.getClass().getSimpleName());
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root.path(), e);
    }
    found.sort(null);
    List<BuildFile> files = new ArrayList<>();
    for (Path file : found) {
      if (files.size() == BuildInventory.MAX_FILES) {
        skipped.add("more than " + BuildInventory.MAX_FILES + " build files; the rest ignored");
        break;
      }
      String relative = root.relative(file);
      String kind = kind(file.getFileName().toString());
      if (PRESENCE.containsValue(kind) && PRESENCE.containsKey(file.getFileName().toString())) {
        root.resolve(relative);
        files.add(new BuildFile(relative, kind, List.of()));
        continue;
      }
      String text = root.readText(file);
      files.add(new BuildFile(relative, kind, facts(relative, kind, text)));
    }
    return new BuildInventory(files, skipped);
  }

  /** The facts of one file's text; public so that the extractors are testable on strings. */
  public static List<BuildFact> facts(String file, String kind, String text) {
    Facts facts = new Facts(file, text);
    switch (kind) {
      case "pom" -> pom(facts);
      case "gradle" -> gradle(facts);
      case "gradle-settings" ->
          facts.each(
              Pattern.compile("include\\s*\\(?\\s*(.+?)\\)?\\s*$"),
              (m, line) -> {
                for (String module : m.group(1).split(",")) {
                  String name = module.replaceAll("[\"'():\\s]", "");
                  if (!name.isEmpty()) {
                    facts.add("module", name.replace(':', '/'), line);
                  }
                }
              });
      case "package-json" -> packageJson(facts);
      case "pnpm-workspace" ->
          facts.each(
              Pattern.compile("^\\s*-\\s*['\"]?([^'\"#]+)['\"]?"),
              (m, line) -> facts.add("workspace", m.group(1).strip(), line));
      case "pyproject" -> pyproject(facts);
      case "setup-py" -> {
        facts.first(Pattern.compile("python_requires\\s*=\\s*['\"]([^'\"]+)"), "version.python");
        classifiers(facts);
        dependencies(facts, PYTHON_FRAMEWORKS);
      }
      case "setup-cfg" -> {
        facts.first(Pattern.compile("python_requires\\s*=\\s*(\\S+)"), "version.python");
        classifiers(facts);
        if (facts.has("\\[flake8\\]")) {
          facts.add("lint", "flake8", facts.lineOf("[flake8]"));
        }
      }
      case "tox" -> facts.first(Pattern.compile("^\\s*envlist\\s*=\\s*(.+)$"), "tox.envlist");
      case "requirements", "pipfile" -> dependencies(facts, PYTHON_FRAMEWORKS);
      case "go-mod" -> {
        facts.first(Pattern.compile("^module\\s+(\\S+)"), "module");
        facts.first(Pattern.compile("^go\\s+(\\d+\\.\\d+(?:\\.\\d+)?)"), "version.go");
        facts.first(Pattern.compile("^toolchain\\s+go(\\S+)"), "toolchain.go");
        dependencies(facts, GO_FRAMEWORKS);
      }
      case "go-work" ->
          facts.each(
              Pattern.compile("^\\s*(?:use\\s+)?(\\./[\\w./-]+)"),
              (m, line) -> facts.add("workspace", m.group(1).substring(2), line));
      case "cargo" -> cargo(facts);
      case "rust-toolchain" -> {
        facts.first(Pattern.compile("channel\\s*=\\s*\"([^\"]+)\""), "version.rust");
        if (!text.contains("channel") && !text.isBlank()) {
          facts.add("version.rust", text.lines().findFirst().orElse("").strip(), 1);
        }
      }
      case "gemfile" -> {
        facts.first(Pattern.compile("^\\s*ruby\\s+['\"]([^'\"]+)['\"]"), "version.ruby");
        dependencies(facts, RUBY_GEMS);
      }
      case "composer" -> composer(facts);
      case "csproj" -> {
        facts.each(
            Pattern.compile("<TargetFrameworks?>([^<]+)</TargetFrameworks?>"),
            (m, line) -> {
              for (String tfm : m.group(1).split(";")) {
                facts.add("version.dotnet", tfm.strip(), line);
              }
            });
        facts.first(Pattern.compile("Sdk=\"(Microsoft\\.NET\\.Sdk[\\w.]*)\""), "dotnet.sdk");
        dependencies(facts, DOTNET_PACKAGES);
      }
      case "dotnet-global" ->
          facts.first(Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\""), "sdk.dotnet");
      case "cmake" -> {
        facts.first(
            Pattern.compile("(?i)cmake_minimum_required\\s*\\(\\s*VERSION\\s+([\\d.]+)"),
            "version.cmake");
        facts.first(
            Pattern.compile("(?i)project\\s*\\(.*LANGUAGES\\s+([A-Za-z ]+)"), "cmake.languages");
        facts.first(Pattern.compile("CMAKE_CXX_STANDARD\\s+(\\d+)"), "cpp.standard");
        facts.first(
            Pattern.compile(
                "(?i)^\\s*(enable_testing|add_test|gtest_discover_tests|catch_discover_tests)\\s*\\("),
            "test");
        facts.first(
            Pattern.compile("(?i)find_package\\s*\\(\\s*(GTest|Catch2|Boost|fmt|OpenSSL)"),
            "dependency");
      }
      case "makefile" ->
          facts.each(
              Pattern.compile("^([A-Za-z][\\w.-]*)\\s*:(?!=)"),
              (m, line) -> facts.add("make.target", m.group(1), line));
      case "dockerfile" ->
          facts.each(
              Pattern.compile("(?i)^\\s*FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)"),
              (m, line) -> facts.add("docker.from", m.group(1), line));
      case "tool-versions" ->
          facts.each(
              Pattern.compile("^\\s*(\\S+)\\s+(\\S+)"),
              (m, line) -> {
                String runtime =
                    switch (m.group(1)) {
                      case "nodejs", "node" -> "node";
                      case "golang", "go" -> "go";
                      default -> m.group(1);
                    };
                facts.add("version." + runtime, m.group(2), line);
              });
      case "nvmrc" -> versionFile(facts, "node");
      case "python-version" -> versionFile(facts, "python");
      case "ruby-version" -> versionFile(facts, "ruby");
      case "go-version" -> versionFile(facts, "go");
      case "java-version" -> versionFile(facts, "java");
      case "sln" ->
          facts.each(
              Pattern.compile("^Project\\(.*=\\s*\"([^\"]+)\",\\s*\"([^\"]+)\""),
              (m, line) -> facts.add("module", m.group(2).replace('\\', '/'), line));
      default -> {}
    }
    return facts.list;
  }

  private static final Map<String, String> JAVA_FRAMEWORKS =
      Map.of(
          "spring-boot",
          "spring-boot",
          "org.springframework.boot",
          "spring-boot",
          "quarkus",
          "quarkus",
          "micronaut",
          "micronaut",
          "io.ktor",
          "ktor",
          "dropwizard",
          "dropwizard");
  private static final Map<String, String> JS_FRAMEWORKS =
      Map.ofEntries(
          Map.entry("react", "react"),
          Map.entry("next", "next"),
          Map.entry("vue", "vue"),
          Map.entry("@angular/core", "angular"),
          Map.entry("express", "express"),
          Map.entry("@nestjs/core", "nestjs"),
          Map.entry("svelte", "svelte"),
          Map.entry("fastify", "fastify"),
          Map.entry("vite", "vite"),
          Map.entry("typescript", "typescript"),
          Map.entry("jest", "jest"),
          Map.entry("vitest", "vitest"),
          Map.entry("mocha", "mocha"),
          Map.entry("eslint", "eslint"),
          Map.entry("prettier", "prettier"));
  private static final Map<String, String> PYTHON_FRAMEWORKS =
      Map.of(
          "django", "django", "flask", "flask", "fastapi", "fastapi", "pytest", "pytest", "ruff",
          "ruff", "flake8", "flake8", "black", "black", "mypy", "mypy");
  private static final Map<String, String> GO_FRAMEWORKS =
      Map.of(
          "github.com/gin-gonic/gin",
          "gin",
          "github.com/labstack/echo",
          "echo",
          "github.com/spf13/cobra",
          "cobra",
          "github.com/gofiber/fiber",
          "fiber");
  private static final Map<String, String> RUST_CRATES =
      Map.of(
          "actix-web",
          "actix-web",
          "axum",
          "axum",
          "rocket",
          "rocket",
          "tokio",
          "tokio",
          "clap",
          "clap");
  private static final Map<String, String> RUBY_GEMS =
      Map.of(
          "rails",
          "rails",
          "sinatra",
          "sinatra",
          "rspec",
          "rspec",
          "rspec-rails",
          "rspec",
          "rubocop",
          "rubocop",
          "minitest",
          "minitest",
          "standard",
          "standard");
  private static final Map<String, String> PHP_PACKAGES =
      Map.of(
          "laravel/framework",
          "laravel",
          "symfony/framework-bundle",
          "symfony",
          "phpunit/phpunit",
          "phpunit",
          "phpstan/phpstan",
          "phpstan",
          "squizlabs/php_codesniffer",
          "phpcs",
          "pestphp/pest",
          "pest",
          "friendsofphp/php-cs-fixer",
          "php-cs-fixer");
  private static final Map<String, String> DOTNET_PACKAGES =
      Map.of(
          "xunit",
          "xunit",
          "NUnit",
          "nunit",
          "MSTest.TestFramework",
          "mstest",
          "Microsoft.AspNetCore",
          "aspnetcore",
          "StyleCop.Analyzers",
          "stylecop");

  private static void pom(Facts facts) {
    facts.first(
        Pattern.compile(
            "<(?:maven\\.compiler\\.release|maven\\.compiler\\.source|java\\.version|release)>\\s*(\\d+(?:\\.\\d+)?)\\s*<"),
        "version.java");
    facts.first(Pattern.compile("<packaging>([^<]+)</packaging>"), "packaging");
    facts.each(
        Pattern.compile("<module>([^<]+)</module>"),
        (m, line) -> facts.add("module", m.group(1), line));
    facts.each(
        Pattern.compile("<(?:artifactId|groupId)>([^<]+)</(?:artifactId|groupId)>"),
        (m, line) -> {
          String id = m.group(1);
          JAVA_FRAMEWORKS.forEach(
              (needle, name) -> {
                if (id.startsWith(needle)) {
                  facts.addOnce("framework", name, line);
                }
              });
          if (id.equals("kotlin-maven-plugin") || id.equals("kotlin-stdlib")) {
            facts.addOnce("language", "kotlin", line);
          }
          switch (id) {
            case "spotless-maven-plugin" -> facts.addOnce("lint", "spotless", line);
            case "maven-checkstyle-plugin" -> facts.addOnce("lint", "checkstyle", line);
            case "maven-pmd-plugin" -> facts.addOnce("lint", "pmd", line);
            default -> {}
          }
        });
  }

  private static void gradle(Facts facts) {
    facts.first(
        Pattern.compile("(?:JavaLanguageVersion\\.of|jvmToolchain)\\s*\\(\\s*(\\d+)"),
        "version.java");
    facts.first(
        Pattern.compile(
            "sourceCompatibility\\s*=\\s*(?:JavaVersion\\.VERSION_)?['\"]?(\\d+(?:[._]\\d+)?)"),
        "version.java");
    facts.each(
        Pattern.compile(
            "(kotlin\\(\"jvm\"\\)|org\\.jetbrains\\.kotlin|kotlin\\(\"multiplatform\"\\))"),
        (m, line) -> facts.addOnce("language", "kotlin", line));
    facts.each(
        Pattern.compile(
            "(org\\.springframework\\.boot|io\\.quarkus|io\\.micronaut|io\\.ktor|com\\.android\\.application)"),
        (m, line) ->
            facts.addOnce(
                "framework",
                switch (m.group(1)) {
                  case "org.springframework.boot" -> "spring-boot";
                  case "io.quarkus" -> "quarkus";
                  case "io.micronaut" -> "micronaut";
                  case "io.ktor" -> "ktor";
                  default -> "android";
                },
                line));
    facts.each(
        Pattern.compile(
            "(org\\.jlleitschuh\\.gradle\\.ktlint|io\\.gitlab\\.arturbosch\\.detekt|com\\.diffplug\\.spotless|\\bcheckstyle\\b)"),
        (m, line) ->
            facts.addOnce(
                "lint",
                switch (m.group(1)) {
                  case "org.jlleitschuh.gradle.ktlint" -> "ktlint";
                  case "io.gitlab.arturbosch.detekt" -> "detekt";
                  case "com.diffplug.spotless" -> "spotless";
                  default -> "checkstyle";
                },
                line));
  }

  private static void packageJson(Facts facts) {
    JsonNode json = facts.json();
    if (json == null) {
      return;
    }
    text(json, "packageManager")
        .ifPresent(v -> facts.add("packageManager", v, facts.lineOf("\"packageManager\"")));
    JsonNode engines = json.path("engines");
    text(engines, "node").ifPresent(v -> facts.add("version.node", v, facts.lineOf("\"node\"")));
    JsonNode scripts = json.path("scripts");
    for (Iterator<Map.Entry<String, JsonNode>> it = scripts.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> script = it.next();
      facts.add(
          "script." + script.getKey(),
          script.getValue().asText(),
          facts.lineOf("\"" + script.getKey() + "\""));
    }
    JsonNode workspaces = json.path("workspaces");
    JsonNode packages = workspaces.isArray() ? workspaces : workspaces.path("packages");
    packages.forEach(w -> facts.add("workspace", w.asText(), facts.lineOf("\"workspaces\"")));
    for (String section : List.of("dependencies", "devDependencies")) {
      JsonNode deps = json.path(section);
      JS_FRAMEWORKS.forEach(
          (dep, name) -> {
            if (deps.has(dep)) {
              facts.addOnce("dependency", name, facts.lineOf("\"" + dep + "\""));
            }
          });
    }
  }

  private static void pyproject(Facts facts) {
    facts.first(Pattern.compile("^\\s*requires-python\\s*=\\s*['\"]([^'\"]+)"), "version.python");
    facts.first(Pattern.compile("^\\s*python\\s*=\\s*['\"]([^'\"]+)"), "version.python");
    facts.first(Pattern.compile("^\\s*build-backend\\s*=\\s*['\"]([^'\"]+)"), "build-backend");
    for (String section :
        List.of(
            "tool.poetry",
            "tool.uv",
            "tool.pdm",
            "tool.hatch",
            "tool.ruff",
            "tool.pytest.ini_options",
            "tool.black",
            "tool.mypy",
            "tool.flake8",
            "project")) {
      int line = facts.lineOf("[" + section);
      if (line > 0) {
        facts.add("section", section, line);
      }
    }
    classifiers(facts);
    dependencies(facts, PYTHON_FRAMEWORKS);
  }

  private static void classifiers(Facts facts) {
    facts.each(
        Pattern.compile("Programming Language :: Python :: (3\\.\\d+)"),
        (m, line) -> facts.add("classifier.python", m.group(1), line));
  }

  private static void cargo(Facts facts) {
    facts.first(Pattern.compile("^\\s*rust-version\\s*=\\s*\"([^\"]+)\""), "version.rust");
    facts.first(Pattern.compile("^\\s*edition\\s*=\\s*\"(\\d+)\""), "rust.edition");
    int workspace = facts.lineOf("[workspace]");
    if (workspace > 0) {
      facts.add("section", "workspace", workspace);
      facts.each(
          Pattern.compile("^\\s*\"([\\w./*-]+)\",?\\s*$"),
          (m, line) -> {
            if (line > workspace) {
              facts.add("workspace", m.group(1), line);
            }
          });
    }
    dependencies(facts, RUST_CRATES);
  }

  private static void composer(Facts facts) {
    JsonNode json = facts.json();
    if (json == null) {
      return;
    }
    text(json.path("require"), "php")
        .ifPresent(v -> facts.add("version.php", v, facts.lineOf("\"php\"")));
    for (String section : List.of("require", "require-dev")) {
      JsonNode deps = json.path(section);
      PHP_PACKAGES.forEach(
          (dep, name) -> {
            if (deps.has(dep)) {
              facts.addOnce("dependency", name, facts.lineOf("\"" + dep + "\""));
            }
          });
    }
    for (Iterator<String> it = json.path("scripts").fieldNames(); it.hasNext(); ) {
      String name = it.next();
      facts.add(
          "script." + name,
          json.path("scripts").path(name).toString(),
          facts.lineOf("\"" + name + "\""));
    }
  }

  /**
   * Known dependency names anywhere in a line-oriented manifest (requirements, go.mod, Gemfile).
   */
  private static void dependencies(Facts facts, Map<String, String> known) {
    facts.each(
        Pattern.compile("[\"']?([A-Za-z][\\w./@-]*)"),
        (m, line) -> {
          String name = m.group(1);
          String value = known.getOrDefault(name, known.get(name.toLowerCase(Locale.ROOT)));
          if (value == null
              && name.contains(".")
              && known.containsKey(name.replaceAll("\\.\\w+$", ""))) {
            value = known.get(name.replaceAll("\\.\\w+$", ""));
          }
          if (value != null) {
            facts.addOnce("dependency", value, line);
          }
        });
  }

  private static void versionFile(Facts facts, String runtime) {
    facts.first(Pattern.compile("^\\s*v?([\\w.\\-/]+)\\s*$"), "version." + runtime);
  }

  private static java.util.Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? java.util.Optional.of(value.asText()) : java.util.Optional.empty();
  }

  /** A file's lines and the facts found so far. */
  private static final class Facts {
    private final String file;
    private final String text;
    private final List<String> lines;
    private final List<BuildFact> list = new ArrayList<>();
    private final Map<String, Boolean> seen = new TreeMap<>();

    Facts(String file, String text) {
      this.file = file;
      this.text = text;
      this.lines = text.lines().toList();
    }

    void add(String key, String value, int line) {
      if (list.size() >= 200 || value == null || value.isBlank()) {
        return;
      }
      String shown = value.strip();
      if (shown.length() > 200) {
        shown = shown.substring(0, 200);
      }
      String lineText = line > 0 && line <= lines.size() ? lines.get(line - 1) : "";
      list.add(new BuildFact(key, shown, new Evidence(file, line, lineText)));
    }

    void addOnce(String key, String value, int line) {
      if (seen.putIfAbsent(key + "=" + value, Boolean.TRUE) == null) {
        add(key, value, line);
      }
    }

    void first(Pattern pattern, String key) {
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = pattern.matcher(lines.get(i));
        if (m.find()) {
          add(key, m.group(1), i + 1);
          return;
        }
      }
    }

    void each(Pattern pattern, BiConsumer<Matcher, Integer> action) {
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = pattern.matcher(lines.get(i));
        while (m.find()) {
          action.accept(m, i + 1);
        }
      }
    }

    boolean has(String regex) {
      return Pattern.compile(regex, Pattern.MULTILINE).matcher(text).find();
    }

    int lineOf(String needle) {
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(needle)) {
          return i + 1;
        }
      }
      return 0;
    }

    JsonNode json() {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        add("error", "not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), 0);
        return null;
      }
    }
  }
}
