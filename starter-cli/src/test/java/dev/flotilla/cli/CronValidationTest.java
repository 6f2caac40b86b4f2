package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cron strings are refused by the CLI before any server sees them. The address here has nothing
 * listening, so a refusal with exit 2 (not 3, "cannot reach") shows no connection was tried.
 */
class CronValidationTest {
  private static final String NOBODY = "127.0.0.1:1";

  @ParameterizedTest
  @ValueSource(strings = {"0 * * * *", "*/15 * * * *", "0 0 * * 1", " 30 2 1 * * "})
  void givenUnixFiveFieldCron_whenValidated_itShouldBeAccepted(String cron) {
    assertThat(CronSchedule.validated(cron)).isEqualTo(cron.trim());
  }

  @ParameterizedTest
  @ValueSource(strings = {"@every 1m", "0 0 * * * *", "nonsense", "", "61 * * * *", "@hourly"})
  void givenAnythingElse_whenScheduled_itShouldExitTwoWithOneLineNamingTheValueAndAnExample(
      String cron) {
    CliRun run =
        CliRun.of(
            "schedule",
            "create",
            "optimization-cycle",
            "--scope-account",
            "123456789012",
            "--region",
            "us-east-1",
            "--cron",
            cron,
            "--address",
            NOBODY);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USAGE);
    assertThat(run.errLine())
        .doesNotContain("\n")
        .startsWith("flotilla: --cron '" + cron + "' ")
        .endsWith("for example --cron \"0 * * * *\"");
    assertThat(run.out()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0 0 * * * *", "@every 1m"})
  void givenABadCron_whenRefused_itShouldSayWhatIsWrongWithIt(String cron) {
    CliRun run = CliRun.of("schedule", "create", "retention", "--cron", cron, "--address", NOBODY);

    assertThat(run.errLine())
        .contains(
            cron.startsWith("@") ? "is a descriptor, not five fields" : "has 6 fields, not 5");
  }

  @org.junit.jupiter.api.Test
  void givenEveryAndCronTogether_whenParsed_itShouldBeAOneLineUsageError() {
    CliRun run =
        CliRun.of(
            "schedule",
            "create",
            "retention",
            "--every",
            "daily",
            "--cron",
            "0 * * * *",
            "--address",
            NOBODY);

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.errLine()).doesNotContain("\n").contains("mutually exclusive");
  }

  @org.junit.jupiter.api.Test
  void givenAWorkflowThatCannotBeScheduled_whenCreated_itShouldNameTheSchedulableOnes() {
    CliRun run = CliRun.of("schedule", "create", "hello", "--every", "daily", "--address", NOBODY);

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.errLine())
        .isEqualTo(
            "flotilla: cannot schedule 'hello'; schedulable workflows: optimization-cycle,"
                + " retention, maintenance");
  }

  @org.junit.jupiter.api.Test
  void givenScopeOptionsForRetention_whenCreated_itShouldRefuseThem() {
    CliRun run =
        CliRun.of(
            "schedule",
            "create",
            "retention",
            "--every",
            "daily",
            "--region",
            "us-east-1",
            "--address",
            NOBODY);

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.errLine()).contains("are for optimization-cycle; retention takes none");
  }
}
