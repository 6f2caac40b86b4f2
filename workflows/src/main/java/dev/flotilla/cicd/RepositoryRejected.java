package dev.flotilla.cicd;

/**
 * The repository or a file in it cannot be used as it is: missing, not a directory, a binary or
 * oversized file, a path or symlink leading outside the root, a URL git cannot clone. Retrying
 * cannot fix it, so the activity presets treat it as final. The message is one line.
 */
public final class RepositoryRejected extends RuntimeException {
  public RepositoryRejected(String message) {
    super(message, null, false, false);
  }
}
