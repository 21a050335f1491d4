package io.cfychatops.backup;

import io.cfychatops.ops.Operation;
import io.cfychatops.ops.StepContext;
import io.cfychatops.ops.StepOutcome;
import io.cfychatops.ops.StepState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@value NightlyRunbook#OFFSITE} step of {@link NightlyRunbook}: the verified copy goes
 * off-site ({@link OffsiteCopies#push}), and the outcome is kept in the step's data for the report.
 * It never fails the run: a failed push is a {@code ✗ off-site: reason} in the report row. Crash-
 * safe: the outcome is stored when the step ends; a step resumed after a crash pushes again, which
 * finds an object already verified in the bucket and only reads it back.
 */
final class NightlyOffsite {
  private final @Nullable OffsiteCopies copies;

  NightlyOffsite(@Nullable OffsiteCopies copies) {
    this.copies = copies;
  }

  StepOutcome run(StepContext ctx) {
    if (copies == null) {
      return StepOutcome.done("off-site copies are not configured");
    }
    if (ctx.data("status") != null) {
      return StepOutcome.done(ctx.state().detail()); // decided before a restart
    }
    String snapshotId = ctx.op().step(NightlyRunbook.CREATE).orElseThrow().data().get("snapshot");
    OffsiteState s = copies.push(ctx.manager(), snapshotId);
    ctx.data("status", s.status().name());
    ctx.data("key", s.key());
    ctx.data("at", s.at().toString());
    ctx.data("lockedUntil", s.lockedUntil() == null ? null : s.lockedUntil().toString());
    ctx.data("reason", s.reason());
    return StepOutcome.done(s.summary());
  }

  /** The off-site outcome a run's step recorded; null when none (not configured, not reached). */
  static @Nullable OffsiteState of(Operation op) {
    Optional<Map<String, String>> d =
        op.step(NightlyRunbook.OFFSITE).map(StepState::data).filter(m -> m.containsKey("status"));
    if (d.isEmpty()) {
      return null;
    }
    Map<String, String> m = d.get();
    String locked = m.get("lockedUntil");
    return new OffsiteState(
        OffsiteState.Status.valueOf(m.get("status")),
        m.get("key"),
        locked == null ? null : Instant.parse(locked),
        Instant.parse(m.get("at")),
        m.get("reason"));
  }
}
