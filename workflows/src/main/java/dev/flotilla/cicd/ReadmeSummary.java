package dev.flotilla.cicd;

import java.util.List;

/**
 * What stage 1 read from the README, bounded so that it fits a workflow payload whatever the
 * README.
 *
 * @param file the README's path relative to the root; null when the repository has none
 * @param headings heading texts in order, prefixed by '#' per level
 * @param codeBlocks fenced blocks: info string (language) and where
 * @param badges image badges (CI, coverage, version) and where
 */
public record ReadmeSummary(
    String file,
    String title,
    List<String> headings,
    List<CodeBlock> codeBlocks,
    List<Badge> badges,
    List<ReadmeCommand> commands) {

  public static final int MAX_ITEMS = 100;

  public ReadmeSummary {
    headings = List.copyOf(headings);
    codeBlocks = List.copyOf(codeBlocks);
    badges = List.copyOf(badges);
    commands = List.copyOf(commands);
  }

  public static ReadmeSummary none() {
    return new ReadmeSummary(null, null, List.of(), List.of(), List.of(), List.of());
  }

  /** A fenced code block: its info string ("" when none), its first line and length. */
  public record CodeBlock(String info, int line, int lines) {}

  /** An image badge, e.g. a shields.io build status. */
  public record Badge(String alt, String image, int line) {}
}
