package io.cfychatops.offsite;

import java.time.Instant;
import java.util.Objects;

/** The object-lock retention of one object version: {@code mode} until {@code until}. */
public record Retention(LockMode mode, Instant until) {
  public Retention {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(until, "until");
  }

  /** True while the version may not be deleted: {@code now} is before the retain-until date. */
  public boolean activeAt(Instant now) {
    return now.isBefore(until);
  }

  @Override
  public String toString() {
    return "locked until " + until + " (" + mode + ")";
  }
}
