package io.cfychatops.backup;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link BackupCatalog} in memory, for tests and the console demo. */
public final class InMemoryBackupCatalog implements BackupCatalog {
  private record Key(String manager, String snapshotId, int version) {}

  private final Map<Key, CatalogEntry> entries = new ConcurrentHashMap<>();

  @Override
  public void upsert(CatalogEntry e) {
    entries.put(new Key(e.manager(), e.snapshotId(), e.version()), e);
  }

  @Override
  public List<CatalogEntry> list(String manager) {
    return entries.values().stream()
        .filter(e -> e.manager().equals(manager) && e.deletedAt() == null)
        .sorted(
            Comparator.comparing(CatalogEntry::createdAt)
                .thenComparingInt(CatalogEntry::version)
                .reversed())
        .toList();
  }

  @Override
  public Optional<CatalogEntry> newestVerified(String manager) {
    return list(manager).stream()
        .filter(e -> e.verified() && (e.onManager() || e.inStore()))
        .findFirst();
  }

  @Override
  public boolean markDeleted(String manager, String snapshotId, Instant at) {
    boolean any = false;
    for (CatalogEntry e : entries.values()) {
      if (e.manager().equals(manager)
          && e.snapshotId().equals(snapshotId)
          && e.deletedAt() == null) {
        upsert(e.deleted(at));
        any = true;
      }
    }
    return any;
  }
}
