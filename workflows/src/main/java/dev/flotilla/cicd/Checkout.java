package dev.flotilla.cicd;

/**
 * Where the repository's files are for the rest of the run.
 *
 * @param root the real path of the repository's top directory on the worker
 * @param source what was asked for: the path or the URL
 * @param cloned whether the worker cloned it (then {@code root} is in its work directory)
 * @param revision the commit checked out, when it is a git repository; null otherwise
 */
public record Checkout(String root, String source, boolean cloned, String revision) {}
