package io.cfychatops.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.backup.CatalogEntry;
import io.cfychatops.backup.CatalogEntry.Origin;
import java.time.Instant;

class JdbcBackupCatalogTest {
  static final Instant T0 = Instant.parse("2025-01-15T02:00:00Z");

  static CatalogEntry entry(String id, Instant created, boolean verified) {
    return new CatalogEntry(
        "prod",
        id,
        1,
        Origin.NIGHTLY,
        created,
        100L,
        null,
        verified,
        verified ? created : null,
        "/backups/prod/" + id + ".zip",
        "7.0.0",
        true,
        true,
        null);
  }

  @EachDatabase
  void upsertInsertsThenReplacesEveryFieldAsGiven(TestDb t) {
    JdbcBackupCatalog cat = new JdbcBackupCatalog(t.db());
    cat.upsert(entry("s1", T0, false));
    CatalogEntry replaced =
        new CatalogEntry(
            "prod",
            "s1",
            1,
            Origin.NIGHTLY,
            T0,
            200L,
            "ff",
            true,
            T0.plusSeconds(5),
            "/elsewhere.zip",
            "7.0.4",
            false,
            true,
            null);
    cat.upsert(replaced);

    assertThat(cat.list("prod")).containsExactly(replaced);
    // a second replica sees the same entry
    assertThat(new JdbcBackupCatalog(t.openUnmigrated()).list("prod")).containsExactly(replaced);
  }

  @EachDatabase
  void newestVerifiedSkipsUnverifiedDeletedAndCopiesThatAreNowhere(TestDb t) {
    JdbcBackupCatalog cat = new JdbcBackupCatalog(t.db());
    cat.upsert(entry("s1", T0, true));
    cat.upsert(entry("s2", T0.plusSeconds(86400), true));
    cat.upsert(entry("s3", T0.plusSeconds(2 * 86400), false));
    assertThat(cat.newestVerified("prod")).map(CatalogEntry::snapshotId).contains("s2");

    assertThat(cat.markDeleted("prod", "s2", T0.plusSeconds(3 * 86400))).isTrue();
    assertThat(cat.markDeleted("prod", "s2", T0.plusSeconds(4 * 86400))).isFalse();
    assertThat(cat.markDeleted("prod", "never-was", T0)).isFalse();
    assertThat(cat.newestVerified("prod")).map(CatalogEntry::snapshotId).contains("s1");
    assertThat(cat.list("prod")).extracting(CatalogEntry::snapshotId).containsExactly("s3", "s1");

    CatalogEntry nowhere =
        new CatalogEntry(
            "prod",
            "s4",
            1,
            Origin.NIGHTLY,
            T0.plusSeconds(5 * 86400),
            100L,
            "aa".repeat(32),
            true,
            T0,
            null,
            "7.0.0",
            false,
            false,
            null);
    cat.upsert(nowhere);
    assertThat(cat.newestVerified("prod")).map(CatalogEntry::snapshotId).contains("s1");
    assertThat(cat.newestVerified("dev")).isEmpty();
  }

  @EachDatabase
  void eachVersionOfASnapshotIsItsOwnEntryAndDeletionTakesThemAll(TestDb t) {
    JdbcBackupCatalog cat = new JdbcBackupCatalog(t.db());
    CatalogEntry first = entry("s1", T0, true);
    CatalogEntry second =
        new CatalogEntry(
            "prod",
            "s1",
            2,
            Origin.CHAT_DOWNLOAD,
            T0,
            300L,
            "bb".repeat(32),
            true,
            T0.plusSeconds(60),
            "/backups/prod/s1~2.zip",
            "7.0.0",
            true,
            true,
            null);
    cat.upsert(first);
    cat.upsert(second);
    cat.upsert(second); // the same version again replaces it, nothing more

    assertThat(cat.list("prod")).containsExactly(second, first);
    assertThat(cat.newestVerified("prod")).contains(second);

    assertThat(cat.markDeleted("prod", "s1", T0.plusSeconds(120))).isTrue();
    assertThat(cat.list("prod")).isEmpty();
    assertThat(cat.newestVerified("prod")).isEmpty();
    assertThat(
            t.db()
                .jdbc()
                .queryLong(
                    "SELECT count(*) FROM backup_catalog WHERE deleted_at IS NOT NULL"
                        + " AND on_manager = FALSE AND in_store = FALSE"))
        .isEqualTo(2);
  }

  @EachDatabase
  void theOffSiteStateIsKeptWithTheEntry(TestDb t) {
    JdbcBackupCatalog cat = new JdbcBackupCatalog(t.db());
    CatalogEntry e =
        new CatalogEntry(
                "prod",
                "s1",
                1,
                CatalogEntry.Origin.NIGHTLY,
                T0,
                42,
                "ab".repeat(32),
                true,
                T0,
                "/b/s1.zip",
                "7.0.4",
                true,
                true,
                null)
            .withOffsite(
                io.cfychatops.backup.OffsiteState.verified(
                    "cfy/prod/s1.zip", T0.plusSeconds(86_400), T0.plusSeconds(5)));
    cat.upsert(e);
    assertThat(cat.list("prod")).containsExactly(e);
    CatalogEntry failed =
        e.withOffsite(
            io.cfychatops.backup.OffsiteState.failed(
                "cfy/prod/s1.zip", "read-back differs", T0.plusSeconds(9)));
    cat.upsert(failed);
    assertThat(cat.list("prod")).containsExactly(failed);
  }

  @EachDatabase
  void entriesWrittenBeforeV6AreTheFirstNightlyCopies(TestDb t) {
    Database old = t.migratedTo(5);
    old.jdbc()
        .update(
            "INSERT INTO backup_catalog (manager, snapshot_id, archive_path, bytes, sha256, created_at,"
                + " manager_version, verified, verified_at, on_manager, in_store) VALUES ('prod', 'nightly-prod-1',"
                + " '/b/nightly-prod-1.zip', 42, ?, ?, '7.0.4', TRUE, ?, TRUE, TRUE)",
            "cc".repeat(32),
            T0,
            T0);

    assertThat(old.migrate()).as("V6, V10 (drill runs), then V13 (off-site columns)").isEqualTo(3);

    assertThat(new JdbcBackupCatalog(old).list("prod"))
        .containsExactly(
            new CatalogEntry(
                "prod",
                "nightly-prod-1",
                1,
                Origin.NIGHTLY,
                T0,
                42,
                "cc".repeat(32),
                true,
                T0,
                "/b/nightly-prod-1.zip",
                "7.0.4",
                true,
                true,
                null));
  }
}
