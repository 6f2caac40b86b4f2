package dev.flotilla.cicd;

/**
 * A command the README tells a reader to run.
 *
 * @param phase what it is for
 * @param tool the program it runs (mvn, npm, cargo, ...), wrappers folded in ({@code ./mvnw} is
 *     mvn)
 * @param command the command as written, prompt removed
 * @param inCode whether it came from a fenced or indented code block (else inline code in prose)
 */
public record ReadmeCommand(
    CommandPhase phase, String tool, String command, boolean inCode, Evidence evidence) {}
