package io.cfychatops.backup;

import io.cfychatops.offsite.LockPolicy;
import java.time.Duration;
import java.time.Instant;

/**
 * The object-lock date of an off-site copy, from the retention plan: the later of the lock policy's
 * {@code days} after the push and the time the retention policy is sure to keep the copy — a
 * nightly copy is the newest of its day, so {@code daily} keeps it at least that many days, and
 * {@code keep_last} at least that many nightly runs (a day each). Retention never wants a copy gone
 * before that date, so it rarely meets a locked object it would delete; when it does (a longer
 * {@code days}) it keeps the object and says until when.
 */
record OffsiteLockPlan(RetentionPolicy retention) {

  Instant lockUntil(LockPolicy policy, Instant createdAt, Instant now) {
    Instant byPolicy = policy.defaultUntil(now);
    int keptDays = Math.max(retention.daily(), retention.keepLast());
    Instant byPlan = createdAt.plus(Duration.ofDays(keptDays));
    return byPlan.isAfter(byPolicy) ? byPlan : byPolicy;
  }
}
