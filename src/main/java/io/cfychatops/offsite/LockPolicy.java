package io.cfychatops.offsite;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How pushed copies are locked ({@code backups.offsite.object_lock}): every verified object gets a
 * per-object retention of {@code mode} until the date its caller names, or {@code days} after the
 * push when the caller names none.
 */
public record LockPolicy(LockMode mode, int days) {
  /** Longest default lock accepted (100 years; S3 itself has no lower ceiling worth relying on). */
  public static final int MAX_DAYS = 36_500;

  public LockPolicy {
    Objects.requireNonNull(mode, "mode");
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException(
          "object lock days must be between 1 and " + MAX_DAYS + ", got " + days);
    }
  }

  /** The default retain-until date for a copy pushed at {@code now}. */
  public Instant defaultUntil(Instant now) {
    return now.plus(Duration.ofDays(days));
  }

  @Override
  public String toString() {
    return mode + ", " + days + (days == 1 ? " day" : " days");
  }
}
