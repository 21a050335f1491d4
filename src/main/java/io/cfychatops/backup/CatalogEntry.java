package io.cfychatops.backup;

import io.cfychatops.text.Truncate;
import java.time.Instant;
import java.util.Objects;

/**
 * A backup as the catalog knows it: a snapshot on a manager and, once downloaded, its stored copy.
 * {@code verified} means the stored copy passed {@link ArchiveVerifier}. {@code deletedAt} is set
 * when retention removed it.
 */
public record CatalogEntry(
    String manager,
    String snapshotId,
    Instant createdAt,
    long sizeBytes,
    String sha256,
    boolean verified,
    Instant verifiedAt,
    String archivePath,
    String managerVersion,
    Instant deletedAt) {

  public CatalogEntry {
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(snapshotId, "snapshotId");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public static CatalogEntry verified(StoredArchive a, Instant verifiedAt) {
    return new CatalogEntry(a.manager(), a.snapshotId(), a.createdAt(), a.sizeBytes(), a.sha256(),
        true, verifiedAt, a.archive().toString(), a.managerVersion(), null);
  }

  public static CatalogEntry unverified(StoredArchive a) {
    return new CatalogEntry(a.manager(), a.snapshotId(), a.createdAt(), a.sizeBytes(), a.sha256(),
        false, null, a.archive().toString(), a.managerVersion(), null);
  }

  public String shaPrefix() {
    return Truncate.shaPrefix(sha256);
  }
}
