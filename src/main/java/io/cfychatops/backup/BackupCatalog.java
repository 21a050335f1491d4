package io.cfychatops.backup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The backup catalog: what copies of which snapshots exist, keyed by {@code (manager, snapshotId,
 * version)}. Production sits on the database ({@code store.JdbcBackupCatalog}), so replicas share
 * it; implementations are thread-safe.
 */
public interface BackupCatalog {

  /** Inserts or replaces the entry for {@code (manager, snapshotId, version)}, every field. */
  void upsert(CatalogEntry entry);

  /**
   * Entries of {@code manager} not deleted, newest {@code createdAt} first (then newest version).
   */
  List<CatalogEntry> list(String manager);

  /** The newest verified, not deleted entry of {@code manager} that still has a copy somewhere. */
  Optional<CatalogEntry> newestVerified(String manager);

  /**
   * Marks every version of {@code (manager, snapshotId)} deleted at {@code at} (on the manager and
   * in the store); true when this call marked any, false when none was left to mark.
   */
  boolean markDeleted(String manager, String snapshotId, Instant at);
}
