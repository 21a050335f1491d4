package io.cfychatops.backup;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link BackupCatalog} in memory, for tests and the console demo. */
public final class InMemoryBackupCatalog implements BackupCatalog {
  private record Key(String manager, String snapshotId) {}

  private final Map<Key, CatalogEntry> entries = new ConcurrentHashMap<>();

  @Override
  public void upsert(CatalogEntry e) {
    entries.put(new Key(e.manager(), e.snapshotId()), e);
  }

  @Override
  public List<CatalogEntry> list(String manager) {
    return entries.values().stream()
        .filter(e -> e.manager().equals(manager) && e.deletedAt() == null)
        .sorted(Comparator.comparing(CatalogEntry::createdAt).reversed())
        .toList();
  }

  @Override
  public Optional<CatalogEntry> newestVerified(String manager) {
    return list(manager).stream().filter(CatalogEntry::verified).findFirst();
  }

  @Override
  public void markDeleted(String manager, String snapshotId, Instant at) {
    entries.computeIfPresent(new Key(manager, snapshotId), (k, e) -> new CatalogEntry(e.manager(),
        e.snapshotId(), e.createdAt(), e.sizeBytes(), e.sha256(), e.verified(), e.verifiedAt(),
        e.archivePath(), e.managerVersion(), at));
  }
}
