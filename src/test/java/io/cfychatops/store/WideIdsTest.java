package io.cfychatops.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.approvals.ApprovalAction;
import io.cfychatops.approvals.ApprovalPolicy;
import io.cfychatops.approvals.ApprovalRequest;
import io.cfychatops.approvals.ApprovalService;
import io.cfychatops.approvals.IdGenerator;
import io.cfychatops.approvals.NewApproval;
import io.cfychatops.backup.CatalogEntry;
import io.cfychatops.backup.RunRecord;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.command.CommandParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Every column holding a snapshot id fits the longest valid one (256 characters, {@link
 * SnapshotId#MAX_LENGTH}), and an approved command's text fits the longest command ({@link
 * CommandParser#MAX_INPUT_LENGTH}). Before {@code V3__wide_ids} those columns were {@code
 * VARCHAR(200)} / {@code VARCHAR(2000)}: a 250-character snapshot could be created but not deleted
 * or restored from chat.
 */
class WideIdsTest {
  static final Instant T0 = TestDatabases.T0;
  static final String LONGEST = "s" + "0123456789abcdef".repeat(16).substring(1); // 256 characters

  @EachDatabase
  void theLongestValidSnapshotIdFitsEveryColumn(TestDb t) {
    assertThat(LONGEST).hasSize(SnapshotId.MAX_LENGTH);
    assertThat(SnapshotId.isValid(LONGEST)).isTrue();

    JdbcBackupCatalog catalog = new JdbcBackupCatalog(t.db());
    catalog.upsert(
        new CatalogEntry(
            "prod",
            LONGEST,
            1,
            CatalogEntry.Origin.NIGHTLY,
            T0,
            1L,
            "ab".repeat(32),
            true,
            T0,
            "/backups/prod/" + LONGEST + ".zip",
            "7.0.4",
            true,
            true,
            null));
    assertThat(catalog.list("prod"))
        .singleElement()
        .extracting(CatalogEntry::snapshotId)
        .isEqualTo(LONGEST);
    assertThat(catalog.markDeleted("prod", LONGEST, T0.plusSeconds(1))).isTrue();

    JdbcNightlyRunLog runs = new JdbcNightlyRunLog(t.db());
    RunRecord claim = RunRecord.claim("prod", T0, RunRecord.Kind.SCHEDULED, "bot", T0);
    assertThat(runs.tryClaim(claim)).isTrue();
    assertThat(
            runs.finish(
                claim.succeeded(
                    T0.plusSeconds(5), LONGEST, 1L, "ab".repeat(32), true, Duration.ofSeconds(5))))
        .isTrue();
    assertThat(runs.history("prod", T0).get(0).snapshotId()).isEqualTo(LONGEST);

    ApprovalService approvals =
        new ApprovalService(
            new JdbcApprovalRepository(t.db()),
            new JdbcAuditRepository(t.db()),
            Clock.fixed(T0, ZoneOffset.UTC),
            IdGenerator.random());
    String command =
        "snapshots restore "
            + LONGEST
            + " --restore-certificates --reason "
            + "x".repeat(CommandParser.MAX_INPUT_LENGTH - 300);
    ApprovalRequest r =
        approvals.open(
            new NewApproval(
                "prod",
                "default_tenant",
                "https://cfy-prod.example.com",
                ApprovalAction.RESTORE.configName(),
                command,
                new ChatUser("U1", "ana", "T1"),
                "C1",
                null,
                List.of("restore " + LONGEST),
                LONGEST,
                "2025-01-15T02:00:00Z",
                "created",
                ApprovalPolicy.DEFAULT));
    ApprovalRequest back = approvals.find(r.id()).orElseThrow();
    assertThat(back.snapshotId()).isEqualTo(LONGEST);
    assertThat(back.commandText()).isEqualTo(command);
  }

  @EachDatabase
  void aDatabaseAtV1IsWidenedInPlaceKeepingItsRows(TestDb t) throws Exception {
    Database db = t.migratedTo(1);
    db.jdbc()
        .update(
            "INSERT INTO backup_catalog (manager, snapshot_id, bytes, created_at, manager_version, verified,"
                + " on_manager, in_store) VALUES ('prod', 'short-1', 1, ?, '7.0.4', FALSE, TRUE, FALSE)",
            T0);

    assertThat(db.migrate()).isEqualTo(Migrations.load(db.dialect()).size() - 1);

    JdbcBackupCatalog catalog = new JdbcBackupCatalog(db);
    assertThat(catalog.list("prod"))
        .extracting(CatalogEntry::snapshotId)
        .containsExactly("short-1");
    catalog.upsert(
        new CatalogEntry(
            "prod",
            LONGEST,
            1,
            CatalogEntry.Origin.NIGHTLY,
            T0,
            1L,
            null,
            false,
            null,
            null,
            "7.0.4",
            true,
            false,
            null));
    assertThat(catalog.list("prod"))
        .extracting(CatalogEntry::snapshotId)
        .contains("short-1", LONGEST);
  }
}
