package io.cfychatops.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

class BackupCatalogRepositoryTest {
  static final Instant T0 = Instant.parse("2025-01-15T02:00:00Z");

  static CatalogEntry entry(String id, Instant created, boolean verified) {
    return new CatalogEntry("prod", id, "/backups/prod/" + id + ".zip", 100L, null, created, "7.0.0",
        verified, verified ? created : null, true, true, null);
  }

  @EachDatabase
  void upsertInsertsThenReplaces(TestDb t) {
    BackupCatalogRepository cat = new BackupCatalogRepository(t.db());
    cat.upsert(entry("s1", T0, false));
    cat.upsert(new CatalogEntry("prod", "s1", "/elsewhere.zip", 200L, "ff", T0, "7.0.0", false, null, false, true, null));
    CatalogEntry e = cat.find("prod", "s1").orElseThrow();
    assertThat(e.archivePath()).isEqualTo("/elsewhere.zip");
    assertThat(e.bytes()).isEqualTo(200L);
    assertThat(e.onManager()).isFalse();
    assertThat(cat.list("prod")).hasSize(1);
  }

  @EachDatabase
  void newestVerifiedSkipsUnverifiedAndDeleted(TestDb t) {
    BackupCatalogRepository cat = new BackupCatalogRepository(t.db());
    cat.upsert(entry("s1", T0, true));
    cat.upsert(entry("s2", T0.plusSeconds(86400), true));
    cat.upsert(entry("s3", T0.plusSeconds(2 * 86400), false));
    assertThat(cat.newestVerified("prod")).map(CatalogEntry::snapshotId).contains("s2");

    assertThat(cat.markDeleted("prod", "s2", T0.plusSeconds(3 * 86400))).isTrue();
    assertThat(cat.markDeleted("prod", "s2", T0.plusSeconds(3 * 86400))).isFalse();
    assertThat(cat.newestVerified("prod")).map(CatalogEntry::snapshotId).contains("s1");
    assertThat(cat.list("prod")).extracting(CatalogEntry::snapshotId).containsExactly("s3", "s1");

    assertThat(cat.markVerified("prod", "s3", "aa".repeat(32), T0.plusSeconds(4 * 86400))).isTrue();
    assertThat(cat.newestVerified("prod")).map(CatalogEntry::sha256).contains("aa".repeat(32));
    assertThat(cat.setOnManager("prod", "s3", false)).isTrue();
    assertThat(cat.setInStore("prod", "s3", false, null)).isTrue();
    assertThat(cat.newestVerified("prod")).map(CatalogEntry::snapshotId).contains("s1");
    assertThat(cat.newestVerified("dev")).isEmpty();
  }
}
