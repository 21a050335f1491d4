package io.cfychatops.archive;

import io.cfychatops.text.Truncate;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A copy in the {@link ArchiveStore}, as its sidecar describes it. {@code sha256} is lowercase hex
 * of the bytes as they were written. {@code version} 1 is the first copy of a snapshot ({@code
 * <snapshot>.zip}); a later copy with other bytes under the same id is version 2 ({@code
 * <snapshot>~2.zip}) and so on: a stored copy is never replaced.
 */
public record StoredArchive(
    String manager,
    String snapshotId,
    int version,
    Path archive,
    Path sidecar,
    long sizeBytes,
    String sha256,
    Instant createdAt,
    Instant storedAt,
    String managerVersion) {

  /** The first 12 hex digits of the SHA-256, as shown in reports. */
  public String shaPrefix() {
    return Truncate.shaPrefix(sha256);
  }
}
