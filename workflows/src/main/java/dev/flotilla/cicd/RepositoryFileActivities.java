package dev.flotilla.cicd;

import io.temporal.activity.ActivityInterface;

/**
 * Reading and writing the repository's files. Only summaries cross into the workflow: file contents
 * stay on the worker. Every path is checked to stay under the root, symlinks resolved.
 */
@ActivityInterface(namePrefix = "CicdFiles.")
public interface RepositoryFileActivities {

  /** Stage 1: the README's headings, code blocks, badges and commands. */
  ReadmeSummary parseReadme(Checkout checkout);

  /** Stage 2: every build file and what it declares. */
  BuildInventory inspectBuildFiles(Checkout checkout);

  /**
   * Stage 5: writes the workflow file, creating its directories; an existing file is left alone
   * unless {@code force}. Writing the same text twice is a no-op, so a retry is safe.
   */
  WriteOutcome write(Checkout checkout, GeneratedWorkflow workflow, boolean force);
}
