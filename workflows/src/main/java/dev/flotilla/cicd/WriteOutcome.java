package dev.flotilla.cicd;

/**
 * What stage 5 did with the file.
 *
 * @param written whether the file on disk is now the generated one
 * @param note one line: "dry run", "created", "overwritten", "exists: pass --force to overwrite",
 *     "not written: the workflow did not validate"
 */
public record WriteOutcome(String path, boolean written, String note) {}
