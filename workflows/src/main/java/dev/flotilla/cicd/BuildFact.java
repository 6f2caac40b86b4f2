package dev.flotilla.cicd;

/**
 * One thing a build file says, e.g. {@code java.version = 21} or {@code script.test = jest}.
 *
 * @param key a dotted name from a fixed vocabulary (see the inspector)
 * @param value the value, cut to a line
 */
public record BuildFact(String key, String value, Evidence evidence) {}
