package io.cfychatops.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The backup catalog, keyed by (manager, snapshot id). */
public final class BackupCatalogRepository {
  private static final String COLUMNS =
      "manager, snapshot_id, archive_path, bytes, sha256, created_at, manager_version, verified,"
          + " verified_at, on_manager, in_store, deleted_at";

  private static final RowMapper<CatalogEntry> ROW =
      rs ->
          new CatalogEntry(
              rs.getString("manager"),
              rs.getString("snapshot_id"),
              rs.getString("archive_path"),
              Jdbc.nullableLong(rs, "bytes"),
              rs.getString("sha256"),
              Jdbc.instant(rs, "created_at"),
              rs.getString("manager_version"),
              rs.getBoolean("verified"),
              Jdbc.instant(rs, "verified_at"),
              rs.getBoolean("on_manager"),
              rs.getBoolean("in_store"),
              Jdbc.instant(rs, "deleted_at"));

  private final Jdbc jdbc;

  public BackupCatalogRepository(Database db) {
    this.jdbc = db.jdbc();
  }

  /** Inserts or replaces the entry (every column). Portable: update, else insert, else update. */
  public void upsert(CatalogEntry e) {
    if (update(e) == 1) {
      return;
    }
    try {
      jdbc.update(
          "INSERT INTO backup_catalog (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          e.manager(),
          e.snapshotId(),
          e.archivePath(),
          e.bytes(),
          e.sha256(),
          e.createdAt(),
          e.managerVersion(),
          e.verified(),
          e.verifiedAt(),
          e.onManager(),
          e.inStore(),
          e.deletedAt());
    } catch (DuplicateKeyException raced) {
      update(e);
    }
  }

  private int update(CatalogEntry e) {
    return jdbc.update(
        "UPDATE backup_catalog SET archive_path = ?, bytes = ?, sha256 = ?, created_at = ?,"
            + " manager_version = ?, verified = ?, verified_at = ?, on_manager = ?, in_store = ?,"
            + " deleted_at = ? WHERE manager = ? AND snapshot_id = ?",
        e.archivePath(),
        e.bytes(),
        e.sha256(),
        e.createdAt(),
        e.managerVersion(),
        e.verified(),
        e.verifiedAt(),
        e.onManager(),
        e.inStore(),
        e.deletedAt(),
        e.manager(),
        e.snapshotId());
  }

  public Optional<CatalogEntry> find(String manager, String snapshotId) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM backup_catalog WHERE manager = ? AND snapshot_id = ?",
        ROW,
        manager,
        snapshotId);
  }

  /** Entries not marked deleted, newest first. */
  public List<CatalogEntry> list(String manager) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM backup_catalog WHERE manager = ? AND deleted_at IS NULL"
            + " ORDER BY created_at DESC, snapshot_id",
        ROW,
        manager);
  }

  /** The newest verified entry that still has a copy somewhere. */
  public Optional<CatalogEntry> newestVerified(String manager) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM backup_catalog WHERE manager = ? AND verified = TRUE"
            + " AND deleted_at IS NULL AND (in_store = TRUE OR on_manager = TRUE)"
            + " ORDER BY created_at DESC LIMIT 1",
        ROW,
        manager);
  }

  /** Marks an entry verified with the checksum that was checked. */
  public boolean markVerified(String manager, String snapshotId, String sha256, Instant at) {
    return jdbc.update(
            "UPDATE backup_catalog SET verified = TRUE, verified_at = ?, sha256 = ?"
                + " WHERE manager = ? AND snapshot_id = ?",
            at,
            sha256,
            manager,
            snapshotId)
        == 1;
  }

  /** Marks an entry deleted (both copies gone); true only the first time. */
  public boolean markDeleted(String manager, String snapshotId, Instant at) {
    return jdbc.update(
            "UPDATE backup_catalog SET deleted_at = ?, on_manager = FALSE, in_store = FALSE"
                + " WHERE manager = ? AND snapshot_id = ? AND deleted_at IS NULL",
            at,
            manager,
            snapshotId)
        == 1;
  }

  public boolean setOnManager(String manager, String snapshotId, boolean onManager) {
    return jdbc.update(
            "UPDATE backup_catalog SET on_manager = ? WHERE manager = ? AND snapshot_id = ?",
            onManager,
            manager,
            snapshotId)
        == 1;
  }

  /** Records whether the off-manager copy exists, and where. */
  public boolean setInStore(String manager, String snapshotId, boolean inStore, String archivePath) {
    return jdbc.update(
            "UPDATE backup_catalog SET in_store = ?, archive_path = ? WHERE manager = ? AND snapshot_id = ?",
            inStore,
            archivePath,
            manager,
            snapshotId)
        == 1;
  }
}
