package io.cfychatops.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One known backup of one manager: where its archive is, its checksum, whether it was verified and
 * where copies exist ({@code onManager}, {@code inStore}). {@code deletedAt} marks an entry whose
 * copies are gone; such entries stay for the record.
 */
public record CatalogEntry(
    String manager,
    String snapshotId,
    String archivePath,
    Long bytes,
    String sha256,
    Instant createdAt,
    String managerVersion,
    boolean verified,
    Instant verifiedAt,
    boolean onManager,
    boolean inStore,
    Instant deletedAt) {
  public CatalogEntry {
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(snapshotId, "snapshotId");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
