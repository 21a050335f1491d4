package io.cfychatops.backup;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The off-site copy of a catalogued archive, as the last push (or check) left it.
 *
 * @param key the object key, {@code <prefix>/<manager>/<snapshot>.zip}
 * @param lockedUntil the object-lock retain-until date; null when the object is not locked
 * @param at when this state was decided
 * @param reason for {@link Status#FAILED}: why, fit to show in a report; null otherwise
 */
public record OffsiteState(
    Status status, String key, @Nullable Instant lockedUntil, Instant at, @Nullable String reason) {

  /** Longest reason kept (the catalog column is 1000 characters). */
  public static final int MAX_REASON = 900;

  /** Where the off-site copy stands. */
  public enum Status {
    /**
     * Pushed and read back: size and SHA-256 equal ours (and locked, when a lock is configured).
     */
    VERIFIED,
    /** No verified (or not the configured locked) copy off-site; {@code reason} says why. */
    FAILED
  }

  public OffsiteState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    if (status == Status.FAILED && (reason == null || reason.isBlank())) {
      throw new IllegalArgumentException("a failed off-site state needs a reason");
    }
    if (reason != null && reason.length() > MAX_REASON) {
      reason = reason.substring(0, MAX_REASON - 1) + "…";
    }
  }

  public static OffsiteState verified(String key, @Nullable Instant lockedUntil, Instant at) {
    return new OffsiteState(Status.VERIFIED, key, lockedUntil, at, null);
  }

  public static OffsiteState failed(String key, String reason, Instant at) {
    return new OffsiteState(Status.FAILED, key, null, at, reason);
  }

  public boolean verified() {
    return status == Status.VERIFIED;
  }

  /** "✓ off-site, locked until …" or "✗ off-site: reason". */
  public String summary() {
    if (verified()) {
      return "✓ off-site" + (lockedUntil == null ? "" : " (locked until " + lockedUntil + ")");
    }
    return "✗ off-site: " + reason;
  }
}
