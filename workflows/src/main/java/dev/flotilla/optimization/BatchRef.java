package dev.flotilla.optimization;

/** One approval batch of a cycle, by reference: its recommendations are rows in the database. */
public record BatchRef(int index, int recommendations, double savingsUsd) {}
