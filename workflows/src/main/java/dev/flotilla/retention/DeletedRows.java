package dev.flotilla.retention;

/**
 * How many rows one retention step deleted from one table.
 *
 * @param table the table
 * @param rows rows deleted by this run (zero when a retried step finds them already gone)
 */
public record DeletedRows(String table, long rows) {}
