package io.cfychatops.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.approvals.ApprovalAction;
import io.cfychatops.approvals.ApprovalPolicy;
import io.cfychatops.approvals.ApprovalRequest;
import io.cfychatops.approvals.ApprovalService;
import io.cfychatops.approvals.IdGenerator;
import io.cfychatops.approvals.NewApproval;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.command.CommandParser;
import io.cfychatops.cloudify.SnapshotId;
import java.time.Clock;
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

    BackupCatalogRepository catalog = new BackupCatalogRepository(t.db());
    catalog.upsert(new CatalogEntry("prod", LONGEST, "/backups/prod/" + LONGEST + ".zip", 1L, "ab".repeat(32), T0,
        "7.0.4", true, T0, true, true, null));
    assertThat(catalog.find("prod", LONGEST).orElseThrow().snapshotId()).isEqualTo(LONGEST);
    assertThat(catalog.markDeleted("prod", LONGEST, T0.plusSeconds(1))).isTrue();

    NightlyRunRepository runs = new NightlyRunRepository(t.db());
    NightlyRun run = runs.tryClaim("prod", T0, T0, false, "bot").orElseThrow();
    assertThat(runs.finish(run.id(), NightlyResult.succeeded(LONGEST, 1L, "ab".repeat(32), true), T0.plusSeconds(5)))
        .isTrue();
    assertThat(runs.find(run.id()).orElseThrow().snapshotId()).isEqualTo(LONGEST);

    ApprovalService approvals = new ApprovalService(new JdbcApprovalRepository(t.db()), new JdbcAuditRepository(t.db()),
        Clock.fixed(T0, ZoneOffset.UTC), IdGenerator.random());
    String command = "snapshots restore " + LONGEST + " --restore-certificates --reason "
        + "x".repeat(CommandParser.MAX_INPUT_LENGTH - 300);
    ApprovalRequest r = approvals.open(new NewApproval("prod", "default_tenant", "https://cfy-prod.example.com",
        ApprovalAction.RESTORE.configName(), command, new ChatUser("U1", "ana", "T1"), "C1", null, List.of("restore " + LONGEST),
        LONGEST, "2025-01-15T02:00:00Z", "created", ApprovalPolicy.DEFAULT));
    ApprovalRequest back = approvals.find(r.id()).orElseThrow();
    assertThat(back.snapshotId()).isEqualTo(LONGEST);
    assertThat(back.commandText()).isEqualTo(command);
  }

  @EachDatabase
  void aDatabaseAtV1IsWidenedInPlaceKeepingItsRows(TestDb t) throws Exception {
    Database db = t.openUnmigrated();
    Migrations.Script v1 = Migrations.load(db.dialect()).get(0);
    assertThat(v1.version()).isEqualTo(1);
    db.jdbc().withConnection("v1 only", c -> {
      try (java.sql.Statement st = c.createStatement()) {
        st.execute("CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL,"
            + " checksum VARCHAR(64) NOT NULL, installed_at BIGINT NOT NULL)");
        for (String stmt : Migrations.statements(v1.sql())) {
          st.execute(stmt);
        }
        st.execute("INSERT INTO schema_version VALUES (1, 'base', '" + v1.checksum() + "', 0)");
      }
      return null;
    });
    BackupCatalogRepository catalog = new BackupCatalogRepository(db);
    catalog.upsert(new CatalogEntry("prod", "short-1", null, 1L, null, T0, "7.0.4", false, null, true, false, null));

    assertThat(db.migrate()).isEqualTo(Migrations.load(db.dialect()).size() - 1);

    assertThat(catalog.find("prod", "short-1")).isPresent();
    catalog.upsert(new CatalogEntry("prod", LONGEST, null, 1L, null, T0, "7.0.4", false, null, true, false, null));
    assertThat(catalog.list("prod")).extracting(CatalogEntry::snapshotId).contains("short-1", LONGEST);
  }
}
