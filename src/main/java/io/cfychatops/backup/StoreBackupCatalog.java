package io.cfychatops.backup;

import io.cfychatops.store.BackupCatalogRepository;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link BackupCatalog} on {@code store.BackupCatalogRepository}. */
public final class StoreBackupCatalog implements BackupCatalog {
  private final BackupCatalogRepository repo;

  public StoreBackupCatalog(BackupCatalogRepository repo) {
    this.repo = Objects.requireNonNull(repo, "repo");
  }

  @Override
  public void upsert(CatalogEntry e) {
    repo.upsert(new io.cfychatops.store.CatalogEntry(e.manager(), e.snapshotId(), e.archivePath(),
        e.sizeBytes(), e.sha256(), e.createdAt(), e.managerVersion(), e.verified(), e.verifiedAt(),
        true, e.archivePath() != null, e.deletedAt()));
  }

  @Override
  public List<CatalogEntry> list(String manager) {
    return repo.list(manager).stream().filter(e -> e.deletedAt() == null)
        .map(StoreBackupCatalog::map).toList();
  }

  @Override
  public Optional<CatalogEntry> newestVerified(String manager) {
    return repo.newestVerified(manager).map(StoreBackupCatalog::map);
  }

  @Override
  public void markDeleted(String manager, String snapshotId, Instant at) {
    repo.markDeleted(manager, snapshotId, at);
  }

  private static CatalogEntry map(io.cfychatops.store.CatalogEntry e) {
    return new CatalogEntry(e.manager(), e.snapshotId(), e.createdAt(),
        e.bytes() == null ? 0 : e.bytes(), e.sha256(), e.verified(), e.verifiedAt(),
        e.archivePath(), e.managerVersion(), e.deletedAt());
  }
}
