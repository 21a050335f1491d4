package io.cfychatops.backup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The backup catalog; production sits on {@code store.BackupCatalogRepository}. */
public interface BackupCatalog {

  /** Inserts or replaces the entry for {@code (manager, snapshotId)}. */
  void upsert(CatalogEntry entry);

  /** Entries of {@code manager} not deleted, newest {@code createdAt} first. */
  List<CatalogEntry> list(String manager);

  /** The newest verified, not deleted entry of {@code manager}. */
  Optional<CatalogEntry> newestVerified(String manager);

  void markDeleted(String manager, String snapshotId, Instant at);
}
