package io.cfychatops.backup;

import io.cfychatops.text.Truncate;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A copy in the {@link ArchiveStore}, as its sidecar describes it. {@code sha256} is lowercase hex
 * of the bytes as they were written.
 */
public record StoredArchive(
    String manager,
    String snapshotId,
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
