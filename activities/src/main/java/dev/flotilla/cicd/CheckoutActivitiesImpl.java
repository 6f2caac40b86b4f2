package dev.flotilla.cicd;

import io.temporal.activity.Activity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local path is used where it is; a URL is cloned with the git command line, depth 1, into a
 * directory of the work directory named after the URL's hash, so a retry or a second run of the
 * same URL finds the clone already there.
 */
public final class CheckoutActivitiesImpl implements CheckoutActivities {
  private static final long CLONE_TIMEOUT_SECONDS = 300;

  private final Path workDirectory;

  public CheckoutActivitiesImpl(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  @Override
  public Checkout checkout(CicdRequest request) {
    if (!request.remote()) {
      RepositoryRoot root = RepositoryRoot.of(Path.of(request.repository()));
      return new Checkout(
          root.path().toString(), request.repository(), false, revision(root.path()));
    }
    Path target = workDirectory.resolve("clone-" + hash(request.repository()));
    if (!Files.isDirectory(target.resolve(".git"))) {
      clone(request.repository(), target);
    }
    return new Checkout(
        RepositoryRoot.of(target).path().toString(), request.repository(), true, revision(target));
  }

  private void clone(String url, Path target) {
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    try {
      Files.createDirectories(workDirectory);
      deleteTree(partial);
      Path log = Files.createTempFile(workDirectory, "git-clone-", ".log");
      Process git =
          command(
                  "git",
                  "clone",
                  "--depth",
                  "1",
                  "--quiet",
                  "--no-tags",
                  "--",
                  url,
                  partial.toString())
              .redirectOutput(log.toFile())
              .start();
      // Heartbeats while git runs, so a worker that died mid-clone is noticed within the
      // heartbeat timeout and the retry starts over from the partial directory.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLONE_TIMEOUT_SECONDS);
      while (!git.waitFor(5, TimeUnit.SECONDS)) {
        heartbeat();
        if (System.nanoTime() > deadline) {
          git.destroyForcibly();
          Files.deleteIfExists(log);
          throw new IllegalStateException(
              "git clone of " + url + " took over " + CLONE_TIMEOUT_SECONDS + " s");
        }
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      if (git.exitValue() != 0) {
        String reason =
            output
                .lines()
                .filter(l -> l.startsWith("fatal:"))
                .findFirst()
                .orElse(output.lines().reduce((a, b) -> b).orElse("exit " + git.exitValue()));
        deleteTree(partial);
        if (reason.contains("not found")
            || reason.contains("does not exist")
            || reason.contains("does not appear to be a git repository")
            || reason.contains("not a git repository")
            || reason.contains("unable to find remote helper")) {
          throw new RepositoryRejected("cannot clone " + url + ": " + reason);
        }
        throw new IllegalStateException("git clone of " + url + " failed: " + reason);
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clone " + url + " into " + target, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while cloning " + url, e);
    }
  }

  /** The checked-out commit, or null when the directory is not a git work tree. */
  private static String revision(Path root) {
    if (!Files.exists(root.resolve(".git"))) {
      return null;
    }
    try {
      Process git = command("git", "-C", root.toString(), "rev-parse", "HEAD").start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return git.waitFor(30, TimeUnit.SECONDS)
              && git.exitValue() == 0
              && out.matches("[0-9a-f]{40}")
          ? out
          : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static ProcessBuilder command(String... args) {
    ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
    // Never wait for a password on a terminal nobody watches.
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    builder.environment().put("GIT_ASKPASS", "echo");
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    return builder;
  }

  private static void heartbeat() {
    try {
      Activity.getExecutionContext().heartbeat(null);
    } catch (IllegalStateException notInAnActivity) {
      // Called from a plain test: nothing to heartbeat to.
    }
  }

  private static String hash(String url) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    List<Path> all = new ArrayList<>();
    try (var walk = Files.walk(path)) {
      walk.forEach(all::add);
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      Files.deleteIfExists(all.get(i));
    }
  }
}
