package dev.flotilla.cicd;

/**
 * Where something was seen: a file relative to the repository root, a 1-based line (0 when the
 * file's presence is the evidence), and the line's text cut short.
 */
public record Evidence(String file, int line, String text) {
  public static final int MAX_TEXT = 160;

  public Evidence {
    text = text == null ? "" : text.strip();
    if (text.length() > MAX_TEXT) {
      text = text.substring(0, MAX_TEXT - 1) + "…";
    }
  }

  public static Evidence presence(String file) {
    return new Evidence(file, 0, "(file present)");
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file;
  }
}
