package dev.flotilla.cicd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A repository's top directory and the only way the CI/CD adapters touch files under it: every path
 * is resolved with its symlinks and must stay under the root's real path, and a file read as text
 * must be UTF-8 text of at most {@link #MAX_TEXT_BYTES}.
 */
public final class RepositoryRoot {
  /** Far above any real README or manifest; lock files, which can be larger, are never read. */
  public static final long MAX_TEXT_BYTES = 1024 * 1024;

  private final Path root;

  private RepositoryRoot(Path root) {
    this.root = root;
  }

  /** The root's real path; throws {@link RepositoryRejected} unless it is a readable directory. */
  public static RepositoryRoot of(Path path) {
    if (!Files.exists(path)) {
      throw new RepositoryRejected("repository path " + path + " does not exist");
    }
    if (!Files.isDirectory(path)) {
      throw new RepositoryRejected(
          "repository path " + path + " is not a directory; pass the repository's top directory");
    }
    if (!Files.isReadable(path)) {
      throw new RepositoryRejected("repository path " + path + " is not readable by the worker");
    }
    try {
      return new RepositoryRoot(path.toRealPath());
    } catch (IOException e) {
      throw new RepositoryRejected("repository path " + path + " cannot be resolved: " + e);
    }
  }

  public Path path() {
    return root;
  }

  /** The relative, '/'-separated name of a path under the root, as evidence shows it. */
  public String relative(Path path) {
    return root.relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /**
   * A path under the root for a relative name, refusing names and symlinks that lead outside. The
   * file itself need not exist; its nearest existing ancestor is what is resolved.
   */
  public Path resolve(String relative) {
    Path candidate = root.resolve(relative).normalize();
    if (!candidate.startsWith(root)) {
      throw new RepositoryRejected(relative + " is outside the repository root; refusing it");
    }
    Path existing = candidate;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing != null) {
      requireInside(existing, relative);
    }
    return candidate;
  }

  /**
   * The file's text; {@link RepositoryRejected} if it escapes, is too big, binary or unreadable.
   */
  public String readText(Path file) {
    String name = relative(file);
    requireInside(file, name);
    try {
      long size = Files.size(file);
      if (size > MAX_TEXT_BYTES) {
        throw new RepositoryRejected(
            name
                + " is "
                + size
                + " bytes, over the "
                + MAX_TEXT_BYTES
                + "-byte limit for a file"
                + " Flotilla reads; shrink it or remove it from the repository");
      }
      byte[] bytes = Files.readAllBytes(file);
      for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
        if (bytes[i] == 0) {
          throw new RepositoryRejected(name + " is a binary file, not text; cannot read it");
        }
      }
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
      } catch (CharacterCodingException e) {
        throw new RepositoryRejected(name + " is not UTF-8 text; cannot read it");
      }
    } catch (NoSuchFileException e) {
      throw new RepositoryRejected(name + " does not exist (a dangling symlink?)");
    } catch (IOException e) {
      throw new RepositoryRejected(name + " is not readable: " + e.getClass().getSimpleName());
    }
  }

  private void requireInside(Path path, String name) {
    try {
      Path real = path.toRealPath();
      if (!real.startsWith(root)) {
        throw new RepositoryRejected(
            name + " leads outside the repository root (symlink to " + real + "); refusing it");
      }
    } catch (NoSuchFileException e) {
      throw new RepositoryRejected(name + " does not exist (a dangling symlink?)");
    } catch (IOException e) {
      throw new RepositoryRejected(name + " cannot be resolved: " + e.getClass().getSimpleName());
    }
  }
}
