package io.cfychatops.offsite;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a push left in the bucket.
 *
 * @param key the object key, {@code <prefix>/<manager>/<snapshot>.zip}
 * @param size bytes read back ({@code -1} when the read-back failed before the end)
 * @param sha256 lowercase hex SHA-256 of the bytes read back (null when the read-back failed)
 * @param lockedUntil the retain-until date now set on the object; null when it is not locked
 * @param verified true when the bytes read back have exactly our size and SHA-256
 * @param reason null when everything asked for was done; otherwise why not (not verified, or
 *     verified but not locked as configured), fit to show in a report
 * @param uploadTime time spent uploading
 * @param verifyTime time spent reading back and hashing
 */
public record PushResult(
    String key,
    long size,
    String sha256,
    Instant lockedUntil,
    boolean verified,
    String reason,
    Duration uploadTime,
    Duration verifyTime) {

  public PushResult {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(uploadTime, "uploadTime");
    Objects.requireNonNull(verifyTime, "verifyTime");
    if (!verified && reason == null) {
      throw new IllegalArgumentException("an unverified push needs a reason");
    }
  }

  /** True when the copy is verified and, if a lock was asked for, locked. */
  public boolean ok() {
    return verified && reason == null;
  }

  /** One line for a report: "✓ off-site, locked until …" or "✗ off-site: reason". */
  public String summary() {
    if (ok()) {
      return "✓ off-site" + (lockedUntil == null ? "" : ", locked until " + lockedUntil);
    }
    return "✗ off-site: " + reason;
  }
}
