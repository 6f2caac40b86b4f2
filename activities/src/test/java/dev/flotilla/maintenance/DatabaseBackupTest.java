package dev.flotilla.maintenance;

import static dev.flotilla.store.TestDatabases.count;
import static dev.flotilla.store.TestDatabases.execute;
import static dev.flotilla.store.TestDatabases.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.audit.AuditEvent;
import dev.flotilla.audit.AuditLog;
import dev.flotilla.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup and restore of Flotilla's tables on embedded PostgreSQL, without pg_dump. */
class DatabaseBackupTest {
  @TempDir Path dir;

  private static final String AUDIT =
      "SELECT id || ':' || event_type FROM audit_events ORDER BY id";

  @Test
  void aRestoreBringsBackExactlyTheRowsOfTheBackupAndNewRowsGetFreshIds() throws Exception {
    DataSource db = TestDatabases.freshMigrated();
    AuditLog audit = new AuditLog(db);
    audit.record(event("deploy", "workflow.started"), "run-1");
    audit.record(event("deploy", "workflow.completed"), "run-1");
    execute(
        db,
        "INSERT INTO component_operations VALUES ('web', 'op-1', 'deploy', 'SUCCEEDED', 1, 1, 0,"
            + " 'normal', 'alice', 'component/web', 'ok', now(), now())");
    List<String> before = strings(db, AUDIT);
    DatabaseBackup backups = new DatabaseBackup(db);

    BackupManifest taken = backups.backup(dir, "flotilla-20261126T060000Z", table -> {});
    execute(db, "DELETE FROM audit_events");
    execute(db, "DELETE FROM component_operations");
    audit.record(event("stop", "workflow.started"), "run-2");
    BackupManifest restored = backups.restore(dir, "flotilla-20261126T060000Z", table -> {});

    assertThat(restored).isEqualTo(taken);
    assertThat(taken.tables())
        .contains(new TableRows("audit_events", 2), new TableRows("component_operations", 1))
        .extracting(TableRows::table)
        .doesNotContain("flyway_schema_history");
    assertThat(taken.schemaVersion()).isEqualTo("7");
    assertThat(strings(db, AUDIT)).isEqualTo(before);
    assertThat(count(db, "SELECT count(*) FROM component_operations")).isEqualTo(1);
    // The sequence continues after the restored rows, not after the rows deleted in between.
    audit.record(event("restart", "workflow.started"), "run-3");
    long maxBefore = Long.parseLong(before.get(1).split(":")[0]);
    assertThat(count(db, "SELECT max(id) FROM audit_events")).isGreaterThan(maxBefore);
  }

  @Test
  void aSecondBackupUnderTheSameIdReturnsTheFirstAndPruneKeepsTheNewest() {
    DataSource db = TestDatabases.freshMigrated();
    DatabaseBackup backups = new DatabaseBackup(db);
    BackupManifest first = backups.backup(dir, "flotilla-20261124T000000Z", table -> {});
    new AuditLog(db).record(event("deploy", "workflow.started"), "run-1");

    assertThat(backups.backup(dir, "flotilla-20261124T000000Z", table -> {})).isEqualTo(first);
    backups.backup(dir, "flotilla-20261125T000000Z", table -> {});
    backups.backup(dir, "flotilla-20261126T000000Z", table -> {});

    assertThat(backups.prune(dir, 2)).containsExactly("flotilla-20261124T000000Z");
    assertThat(Files.exists(dir.resolve("flotilla-20261126T000000Z/manifest.json"))).isTrue();
  }

  @Test
  void aMissingOrForeignBackupIsRefusedAndChangesNothing() throws Exception {
    DataSource db = TestDatabases.freshMigrated();
    new AuditLog(db).record(event("deploy", "workflow.started"), "run-1");
    DatabaseBackup backups = new DatabaseBackup(db);
    backups.backup(dir, "flotilla-old", table -> {});
    Path manifest = dir.resolve("flotilla-old/manifest.json");
    Files.writeString(
        manifest,
        Files.readString(manifest)
            .replace("\"schemaVersion\" : \"7\"", "\"schemaVersion\" : \"3\""));

    assertThatThrownBy(() -> backups.restore(dir, "nope", t -> {}))
        .isInstanceOf(DatabaseBackup.IncompatibleBackup.class)
        .hasMessageContaining("no complete backup nope");
    assertThatThrownBy(() -> backups.restore(dir, "flotilla-old", t -> {}))
        .isInstanceOf(DatabaseBackup.IncompatibleBackup.class)
        .hasMessageContaining("schema version 3, this database is at 7");
    assertThatThrownBy(() -> backups.restore(dir, "../etc", t -> {}))
        .isInstanceOf(DatabaseBackup.IncompatibleBackup.class);
    assertThat(count(db, "SELECT count(*) FROM audit_events")).isEqualTo(1);
  }

  private static AuditEvent event(String stage, String type) {
    return new AuditEvent("component/web", "component", stage, "op-1", type, "alice", Map.of());
  }
}
