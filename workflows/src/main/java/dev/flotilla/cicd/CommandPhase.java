package dev.flotilla.cicd;

/** What a command is for in a CI run. */
public enum CommandPhase {
  INSTALL,
  BUILD,
  TEST,
  LINT,
  RUN
}
