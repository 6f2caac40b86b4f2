package dev.flotilla.component;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.store.TestDatabases;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class ComponentRecordsTest {

  private static OperationRecord record(String operationId, String status, Instant finished) {
    return new OperationRecord(
        "web",
        operationId,
        "deploy",
        status,
        2,
        status.equals("SUCCEEDED") ? 2 : 0,
        0,
        "high",
        "alice",
        "component/web",
        "deploy web: 2/2 instances healthy",
        finished.minusSeconds(5),
        finished);
  }

  @Test
  void historyIsNewestFirstAndARepeatedRecordKeepsOneRow() {
    DataSource db = TestDatabases.freshMigrated();
    ComponentRecordsImpl records = new ComponentRecordsImpl(db);
    Instant t = Instant.parse("2026-11-26T06:00:00Z");

    records.recordOperation(record("op-1", "FAILED", t));
    records.recordOperation(record("op-2", "SUCCEEDED", t.plusSeconds(60)));
    records.recordOperation(record("op-2", "SUCCEEDED", t.plusSeconds(60)));

    assertThat(records.operationHistory("web", 10))
        .extracting(OperationRecord::operationId, OperationRecord::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("op-2", "SUCCEEDED"),
            org.assertj.core.groups.Tuple.tuple("op-1", "FAILED"));
    assertThat(records.operationHistory("web", 1)).hasSize(1);
    assertThat(records.operationHistory("db", 10)).isEmpty();
  }

  @Test
  void purgeDeletesOnlyOperationsFinishedBeforeTheCutoff() {
    DataSource db = TestDatabases.freshMigrated();
    ComponentRecordsImpl records = new ComponentRecordsImpl(db);
    Instant t = Instant.parse("2026-11-26T06:00:00Z");
    records.recordOperation(record("old", "SUCCEEDED", t.minusSeconds(86_400 * 40)));
    records.recordOperation(record("new", "SUCCEEDED", t));

    assertThat(records.purgeFinishedOperations(t.minusSeconds(86_400 * 30)).rows()).isEqualTo(1);
    assertThat(records.operationHistory("web", 10))
        .extracting(OperationRecord::operationId)
        .containsExactly("new");
  }
}
