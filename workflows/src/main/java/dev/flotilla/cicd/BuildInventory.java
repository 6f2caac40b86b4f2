package dev.flotilla.cicd;

import java.util.List;

/** Stage 2's answer: every build file found, with its facts, and what was skipped and why. */
public record BuildInventory(List<BuildFile> files, List<String> skipped) {
  public static final int MAX_FILES = 400;

  public BuildInventory {
    files = List.copyOf(files);
    skipped = List.copyOf(skipped);
  }
}
