package dev.flotilla.maintenance;

/**
 * A table in a backup and its row count.
 *
 * @param table the table
 * @param rows rows written to, or restored from, the backup
 */
public record TableRows(String table, long rows) {}
