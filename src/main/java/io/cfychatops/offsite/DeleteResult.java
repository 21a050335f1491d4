package io.cfychatops.offsite;

import java.time.Instant;
import java.util.Objects;

/**
 * What a delete did to one snapshot's object.
 *
 * @param versionsDeleted object versions (and delete markers) removed; 1 for a plain delete on a
 *     bucket without versioning
 * @param lockedUntil for {@link Outcome#LOCKED}: the latest retain-until date among the versions
 *     kept
 * @param reason a sentence for the report: what was deleted or kept, and why
 */
public record DeleteResult(
    String key, Outcome outcome, int versionsDeleted, Instant lockedUntil, String reason) {

  /** The three honest outcomes of a delete. */
  public enum Outcome {
    /** Every version of the object is gone: the storage is freed. */
    DELETED,
    /** There was nothing under the key. */
    NOT_FOUND,
    /** At least one version is still under retention and was kept (others may have gone). */
    LOCKED;

    /** True when no version of the object is left. */
    public boolean gone() {
      return this != LOCKED;
    }
  }

  public DeleteResult {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
    if (outcome == Outcome.LOCKED && lockedUntil == null) {
      throw new IllegalArgumentException("a LOCKED result names the date");
    }
  }
}
