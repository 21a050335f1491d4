package io.cfychatops.offsite;

import io.cfychatops.text.Truncate;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What we know about an archive before it leaves the host (from its store sidecar): lowercase hex
 * SHA-256 and size of its bytes, the manager version that made it (null when unknown) and when the
 * snapshot was created. They travel with the object as metadata and are what a read-back must
 * match.
 */
public record ArchiveFacts(String sha256, long size, String managerVersion, Instant createdAt) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** Metadata values must be short printable ASCII (S3 allows 2 KB of metadata in total). */
  private static final Pattern VERSION = Pattern.compile("[\\x21-\\x7e]{1,64}");

  public ArchiveFacts {
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException(
          "sha256 must be 64 lowercase hex digits, got `" + sha256 + "`");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
    if (managerVersion != null && !VERSION.matcher(managerVersion).matches()) {
      throw new IllegalArgumentException(
          "manager version must be 1-64 printable ASCII characters without spaces, got `"
              + managerVersion
              + "`");
    }
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The first 12 hex digits, as reports show them. */
  public String shaPrefix() {
    return Truncate.shaPrefix(sha256);
  }
}
