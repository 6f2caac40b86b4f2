package dev.flotilla.cli;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/**
 * The cron strings Flotilla sends to Temporal: UNIX five-field only, checked here before any server
 * sees them. Both the Schedule API and cron workflows accept that form; other forms ({@code "@every
 * 1m"}, six fields with seconds) are read differently by different servers, and the test server
 * fails the whole RPC on them.
 */
final class CronSchedule {
  static final String EXAMPLE = "0 * * * *";

  private static final CronParser UNIX =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  /** The named intervals of {@code --every}, as cron at the top of the hour, day or week. */
  enum Every {
    hourly("0 * * * *"),
    daily("0 0 * * *"),
    weekly("0 0 * * 1");

    final String cron;

    Every(String cron) {
      this.cron = cron;
    }
  }

  private CronSchedule() {}

  /**
   * Returns the expression, trimmed, or throws a usage failure naming it and showing an example.
   */
  static String validated(String expression) {
    String trimmed = expression == null ? "" : expression.trim();
    String problem = null;
    if (trimmed.isEmpty()) {
      problem = "is empty";
    } else if (trimmed.startsWith("@")) {
      problem = "is a descriptor, not five fields";
    } else if (trimmed.split("\\s+").length != 5) {
      problem = "has " + trimmed.split("\\s+").length + " fields, not 5";
    } else {
      try {
        UNIX.parse(trimmed).validate();
      } catch (IllegalArgumentException e) {
        problem = "is not valid cron";
      }
    }
    if (problem != null) {
      throw CliFailure.usage(
          "--cron '"
              + (expression == null ? "" : expression)
              + "' "
              + problem
              + "; give UNIX cron (minute hour day-of-month month day-of-week), for example --cron"
              + " \""
              + EXAMPLE
              + "\"");
    }
    return trimmed;
  }
}
