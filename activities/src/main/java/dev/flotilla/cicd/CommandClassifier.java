package dev.flotilla.cicd;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises build, test, lint and install commands of the common toolchains in a line of text, as
 * READMEs write them ({@code $ ./mvnw verify}, {@code npm ci}, {@code poetry run pytest}).
 */
public final class CommandClassifier {

  /** A recognised command: what it is for and the tool it runs, wrappers folded in. */
  public record Classified(CommandPhase phase, String tool, String command) {}

  private record Rule(Pattern pattern, CommandPhase phase, String tool) {}

  private static final String MVN = "(?:\\./mvnw|mvnw|mvn)";
  private static final String GRADLE = "(?:\\./gradlew|gradlew|gradle)";

  /** Order matters: the first rule that matches wins, so specific rules come before broad ones. */
  private static final List<Rule> RULES =
      List.of(
          rule(
              MVN + "\\b.*\\b(spotless:check|checkstyle:check|pmd:check|spotbugs:check)",
              CommandPhase.LINT,
              "mvn"),
          rule(MVN + "\\b.*\\btest\\b", CommandPhase.TEST, "mvn"),
          rule(
              MVN + "\\b.*\\b(verify|package|install|compile|clean)\\b", CommandPhase.BUILD, "mvn"),
          rule(
              GRADLE + "\\b.*\\b(ktlintCheck|detekt|spotlessCheck|checkstyleMain|lint)\\b",
              CommandPhase.LINT,
              "gradle"),
          rule(GRADLE + "\\b.*\\b(test|check)\\b", CommandPhase.TEST, "gradle"),
          rule(
              GRADLE + "\\b.*\\b(build|assemble|jar|bootJar|installDist)\\b",
              CommandPhase.BUILD,
              "gradle"),
          rule("npm (ci|install|i)\\b", CommandPhase.INSTALL, "npm"),
          rule("npm (run )?test\\b|npm t\\b", CommandPhase.TEST, "npm"),
          rule("npm run (lint|format:check|eslint)\\b", CommandPhase.LINT, "npm"),
          rule("npm run build\\b", CommandPhase.BUILD, "npm"),
          rule("yarn( install)?( --\\S+)*$", CommandPhase.INSTALL, "yarn"),
          rule("yarn (run )?test\\b", CommandPhase.TEST, "yarn"),
          rule("yarn (run )?lint\\b", CommandPhase.LINT, "yarn"),
          rule("yarn (run )?build\\b", CommandPhase.BUILD, "yarn"),
          rule("pnpm (install|i)\\b", CommandPhase.INSTALL, "pnpm"),
          rule("pnpm (run )?test\\b|pnpm -r test\\b", CommandPhase.TEST, "pnpm"),
          rule("pnpm (run )?lint\\b|pnpm -r lint\\b", CommandPhase.LINT, "pnpm"),
          rule("pnpm (run )?build\\b|pnpm -r build\\b", CommandPhase.BUILD, "pnpm"),
          rule("(poetry run )?(python -m )?(pytest|tox)\\b", CommandPhase.TEST, "python"),
          rule("poetry install\\b", CommandPhase.INSTALL, "poetry"),
          rule("poetry run (ruff|flake8|black|mypy|pylint)\\b", CommandPhase.LINT, "poetry"),
          rule("poetry build\\b", CommandPhase.BUILD, "poetry"),
          rule("uv sync\\b|uv pip install\\b", CommandPhase.INSTALL, "uv"),
          rule("uv run (python -m )?pytest\\b", CommandPhase.TEST, "uv"),
          rule("uv run (ruff|mypy|flake8)\\b", CommandPhase.LINT, "uv"),
          rule("uv build\\b", CommandPhase.BUILD, "uv"),
          rule("(python3? -m )?pip3? install\\b", CommandPhase.INSTALL, "pip"),
          rule("(ruff( check)?|flake8|black --check|mypy|pylint)\\b", CommandPhase.LINT, "python"),
          rule("python3? -m build\\b", CommandPhase.BUILD, "pip"),
          rule("go test\\b", CommandPhase.TEST, "go"),
          rule("(go vet|golangci-lint run|gofmt -l|staticcheck)\\b", CommandPhase.LINT, "go"),
          rule("go (build|install)\\b", CommandPhase.BUILD, "go"),
          rule("go mod download\\b", CommandPhase.INSTALL, "go"),
          rule("cargo test\\b|cargo nextest run\\b", CommandPhase.TEST, "cargo"),
          rule("cargo (clippy|fmt)\\b", CommandPhase.LINT, "cargo"),
          rule("cargo build\\b", CommandPhase.BUILD, "cargo"),
          rule("cargo fetch\\b", CommandPhase.INSTALL, "cargo"),
          rule("bundle install\\b|bundle$", CommandPhase.INSTALL, "bundler"),
          rule(
              "(bundle exec )?(rspec|rake test|rake spec|rails test|rake)$|(bundle exec )?(rspec|rails test)\\b",
              CommandPhase.TEST,
              "bundler"),
          rule("(bundle exec )?(rubocop|standardrb)\\b", CommandPhase.LINT, "bundler"),
          rule("composer install\\b", CommandPhase.INSTALL, "composer"),
          rule(
              "composer (run(-script)? )?test\\b|(\\./)?vendor/bin/(phpunit|pest)\\b|phpunit\\b",
              CommandPhase.TEST,
              "composer"),
          rule(
              "composer (run(-script)? )?(lint|cs|phpstan|analyse)\\b|(\\./)?vendor/bin/(phpstan|phpcs|php-cs-fixer|psalm)\\b",
              CommandPhase.LINT,
              "composer"),
          rule("dotnet restore\\b", CommandPhase.INSTALL, "dotnet"),
          rule("dotnet test\\b", CommandPhase.TEST, "dotnet"),
          rule("dotnet format\\b", CommandPhase.LINT, "dotnet"),
          rule("dotnet (build|publish)\\b", CommandPhase.BUILD, "dotnet"),
          rule("ctest\\b", CommandPhase.TEST, "cmake"),
          rule("cmake\\b", CommandPhase.BUILD, "cmake"),
          rule("make (test|check)\\b", CommandPhase.TEST, "make"),
          rule("make (lint|fmt-check|format-check|vet)\\b", CommandPhase.LINT, "make"),
          rule("make( -j\\s*\\d+)?( all| build)?$", CommandPhase.BUILD, "make"),
          rule("make install\\b", CommandPhase.INSTALL, "make"),
          rule("docker (build|buildx build)\\b", CommandPhase.BUILD, "docker"),
          rule("docker (run|compose up)\\b|docker-compose up\\b", CommandPhase.RUN, "docker"),
          rule(
              "npm (start|run (dev|start|serve))\\b|yarn (start|dev)\\b|pnpm (start|dev)\\b",
              CommandPhase.RUN,
              "node"));

  private static final Pattern PROMPT = Pattern.compile("^\\s*(?:[$#>]|PS>|C:\\\\>)\\s+");

  private CommandClassifier() {}

  /** The command in a line of text, if it is one of the recognised ones. */
  public static Optional<Classified> classify(String line) {
    String command = PROMPT.matcher(line).replaceFirst("").strip();
    // "sudo", "cd dir &&" and trailing comments do not change what a command is for.
    command = command.replaceFirst("^sudo\\s+", "").replaceFirst("\\s+#.*$", "");
    if (command.contains("&&")) {
      String[] parts = command.split("&&");
      command = parts[parts.length - 1].strip();
    }
    if (command.isEmpty() || command.length() > 200) {
      return Optional.empty();
    }
    String lower = command.toLowerCase(Locale.ROOT);
    for (Rule rule : RULES) {
      if (rule.pattern().matcher(lower).lookingAt()) {
        return Optional.of(new Classified(rule.phase(), rule.tool(), command));
      }
    }
    return Optional.empty();
  }

  private static Rule rule(String regex, CommandPhase phase, String tool) {
    return new Rule(Pattern.compile(regex), phase, tool);
  }
}
