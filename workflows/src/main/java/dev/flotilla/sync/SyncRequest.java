package dev.flotilla.sync;

import dev.flotilla.common.InvalidInputException;
import dev.flotilla.common.WorkflowInput;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One sync job: move the records of a source into a sink table.
 *
 * @param userId who started the job and is told how it went
 * @param syncId the job's name, unique per user
 * @param source where the records come from: a directory of JSON files (each an array of objects)
 *     and CSV files (a header line), an HTTP JSON API with cursor pagination ({@code https://…}),
 *     or Flotilla's cloud inventory ({@code inventory} or {@code inventory:<scopeKey>})
 * @param sinkTable the PostgreSQL table the records land in, keyed on {@code record_key}
 * @param sinkDatabase where that table is: null for Flotilla's own database, or a secret reference
 *     ({@code env:NAME} or {@code file:/path}) to a {@code jdbc:postgresql://} URL. The URL carries
 *     credentials, so only the reference travels in the request; the activities resolve it
 * @param keyField the source field that identifies a record in the sink; "id" when left out
 * @param fieldMapping source field to target field; a target may name a type after a colon ({@code
 *     "amount": "amount_usd:number"}) that VALIDATE checks the value parses as
 * @param options error rate, rollback and SLAs; defaults when left out
 */
public record SyncRequest(
    String userId,
    String syncId,
    String source,
    String sinkTable,
    String sinkDatabase,
    String keyField,
    Map<String, String> fieldMapping,
    SyncOptions options)
    implements WorkflowInput {

  /** Plain identifiers only: the sink table's name ends up in SQL. */
  private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@-]{1,128}");

  /** A job whose sink is in Flotilla's own database. */
  public SyncRequest(
      String userId,
      String syncId,
      String source,
      String sinkTable,
      String keyField,
      Map<String, String> fieldMapping,
      SyncOptions options) {
    this(userId, syncId, source, sinkTable, null, keyField, fieldMapping, options);
  }

  public SyncRequest {
    sinkDatabase = sinkDatabase == null || sinkDatabase.isBlank() ? null : sinkDatabase.strip();
    keyField = keyField == null || keyField.isBlank() ? "id" : keyField;
    fieldMapping = fieldMapping == null ? Map.of() : Map.copyOf(fieldMapping);
    options = options == null ? SyncOptions.defaults() : options;
  }

  @Override
  public String workflowId() {
    return "sync/" + userId + "/" + syncId;
  }

  @Override
  public String subject() {
    return "sync " + syncId + " of " + userId;
  }

  @Override
  public void validate() {
    if (userId == null || !ID.matcher(userId).matches()) {
      throw new InvalidInputException(
          "userId is required: letters, digits and ._@- only (it is part of the workflow ID)");
    }
    if (syncId == null || !ID.matcher(syncId).matches()) {
      throw new InvalidInputException(
          "syncId is required: letters, digits and ._@- only (it is part of the workflow ID)");
    }
    if (source == null || source.isBlank()) {
      throw new InvalidInputException(
          "source is required: a directory of JSON/CSV files, an http(s):// API or inventory");
    }
    if (sinkTable == null || !TABLE.matcher(sinkTable).matches()) {
      throw new InvalidInputException(
          "sinkTable must be a plain lower-case table name such as sync_records, was " + sinkTable);
    }
    if (sinkDatabase != null
        && !(sinkDatabase.startsWith("env:") || sinkDatabase.startsWith("file:"))) {
      // Not echoed: a value without a scheme may be a pasted URL with its password.
      throw new InvalidInputException(
          "sinkDatabase must be a secret reference, env:NAME or file:/path, naming a"
              + " jdbc:postgresql:// URL; the URL itself holds credentials and may not be in a"
              + " request");
    }
    if (fieldMapping.isEmpty()) {
      throw new InvalidInputException(
          "fieldMapping is required: source field to target field, e.g. {\"name\": \"title\"}");
    }
    fieldMapping.forEach(
        (from, to) -> {
          if (from.isBlank() || to == null || to.isBlank()) {
            throw new InvalidInputException(
                "fieldMapping entries need a source and a target field, got '"
                    + from
                    + "' -> '"
                    + to
                    + "'");
          }
          FieldType.of(to);
        });
    options.validate();
  }
}
