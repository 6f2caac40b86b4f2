package dev.flotilla.cicd;

/**
 * A README command that the build files contradict, e.g. {@code npm install} in the README of a
 * repository whose lock file is yarn's.
 *
 * @param message one line saying what disagrees and which side the generated workflow follows
 */
public record Disagreement(String message, Evidence readme, Evidence buildFile) {}
