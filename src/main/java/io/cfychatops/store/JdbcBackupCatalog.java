package io.cfychatops.store;

import io.cfychatops.backup.BackupCatalog;
import io.cfychatops.backup.CatalogEntry;
import io.cfychatops.backup.OffsiteState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link BackupCatalog} on the {@code backup_catalog} table, keyed by {@code (manager, snapshot_id,
 * version)} (V6). Every field of a {@link CatalogEntry} is a column, written as given. Auto-commit:
 * each call is committed (and, on the embedded engine, on disk) when it returns.
 */
public final class JdbcBackupCatalog implements BackupCatalog {
  private static final String KEY = "manager, snapshot_id, version";
  private static final String VALUES =
      "origin, created_at, bytes, sha256, verified, verified_at, archive_path, manager_version,"
          + " on_manager, in_store, deleted_at, offsite_state, offsite_key, offsite_locked_until,"
          + " offsite_at, offsite_reason";
  private static final String COLUMNS = KEY + ", " + VALUES;

  private static final RowMapper<CatalogEntry> ROW =
      rs ->
          new CatalogEntry(
              rs.getString("manager"),
              rs.getString("snapshot_id"),
              rs.getInt("version"),
              CatalogEntry.Origin.valueOf(rs.getString("origin")),
              Jdbc.instant(rs, "created_at"),
              rs.getLong("bytes"),
              rs.getString("sha256"),
              rs.getBoolean("verified"),
              Jdbc.instant(rs, "verified_at"),
              rs.getString("archive_path"),
              rs.getString("manager_version"),
              rs.getBoolean("on_manager"),
              rs.getBoolean("in_store"),
              Jdbc.instant(rs, "deleted_at"),
              offsite(rs));

  private static OffsiteState offsite(java.sql.ResultSet rs) throws java.sql.SQLException {
    String state = rs.getString("offsite_state");
    if (state == null) {
      return null;
    }
    return new OffsiteState(
        OffsiteState.Status.valueOf(state),
        rs.getString("offsite_key"),
        Jdbc.instant(rs, "offsite_locked_until"),
        Jdbc.instant(rs, "offsite_at"),
        rs.getString("offsite_reason"));
  }

  private final Jdbc jdbc;

  public JdbcBackupCatalog(Database db) {
    this.jdbc = db.jdbc();
  }

  /** Portable upsert: update, else insert, else (another writer inserted first) update. */
  @Override
  public void upsert(CatalogEntry e) {
    if (update(e) == 1) {
      return;
    }
    try {
      jdbc.update(
          "INSERT INTO backup_catalog ("
              + VALUES
              + ", "
              + KEY
              + ")"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          valuesThenKey(e));
    } catch (DuplicateKeyException raced) {
      update(e);
    }
  }

  private int update(CatalogEntry e) {
    return jdbc.update(
        "UPDATE backup_catalog SET origin = ?, created_at = ?, bytes = ?, sha256 = ?, verified = ?,"
            + " verified_at = ?, archive_path = ?, manager_version = ?, on_manager = ?, in_store = ?,"
            + " deleted_at = ?, offsite_state = ?, offsite_key = ?, offsite_locked_until = ?,"
            + " offsite_at = ?, offsite_reason = ? WHERE manager = ? AND snapshot_id = ? AND version = ?",
        valuesThenKey(e));
  }

  /** The parameters of {@link #VALUES}, then those of {@link #KEY}. */
  private static Object[] valuesThenKey(CatalogEntry e) {
    OffsiteState o = e.offsite();
    return new Object[] {
      e.origin(),
      e.createdAt(),
      e.sizeBytes(),
      e.sha256(),
      e.verified(),
      e.verifiedAt(),
      e.archivePath(),
      e.managerVersion(),
      e.onManager(),
      e.inStore(),
      e.deletedAt(),
      o == null ? null : o.status(),
      o == null ? null : o.key(),
      o == null ? null : o.lockedUntil(),
      o == null ? null : o.at(),
      o == null ? null : o.reason(),
      e.manager(),
      e.snapshotId(),
      e.version()
    };
  }

  @Override
  public List<CatalogEntry> list(String manager) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM backup_catalog WHERE manager = ? AND deleted_at IS NULL"
            + " ORDER BY created_at DESC, version DESC, snapshot_id",
        ROW,
        manager);
  }

  @Override
  public Optional<CatalogEntry> newestVerified(String manager) {
    return jdbc.queryOne(
        "SELECT "
            + COLUMNS
            + " FROM backup_catalog WHERE manager = ? AND verified = TRUE"
            + " AND deleted_at IS NULL AND (in_store = TRUE OR on_manager = TRUE)"
            + " ORDER BY created_at DESC, version DESC LIMIT 1",
        ROW,
        manager);
  }

  @Override
  public boolean markDeleted(String manager, String snapshotId, Instant at) {
    return jdbc.update(
            "UPDATE backup_catalog SET deleted_at = ?, on_manager = FALSE, in_store = FALSE"
                + " WHERE manager = ? AND snapshot_id = ? AND deleted_at IS NULL",
            at,
            manager,
            snapshotId)
        > 0;
  }
}
