package io.cfychatops.backup;

import static io.cfychatops.backup.NightlyRunbook.CREATE;

import io.cfychatops.cloudify.SnapshotStatus;
import io.cfychatops.ops.ManagerPort.ExecutionInfo;
import io.cfychatops.ops.ManagerPort.SnapshotInfo;
import io.cfychatops.ops.StepContext;
import io.cfychatops.ops.StepOutcome;
import io.cfychatops.ops.StepState;
import io.cfychatops.text.Durations;
import io.cfychatops.text.Truncate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@value NightlyRunbook#WAIT} step of {@link NightlyRunbook}: the create execution's end, then
 * the snapshot row settling (logs under {@link NightlyRunbook}'s category).
 */
final class NightlyWait {
  private static final Logger log = LoggerFactory.getLogger(NightlyRunbook.class);
  private static final int MAX_POLL_ERRORS = 5;
  private static final Duration SNAPSHOT_SETTLE_POLL = Duration.ofMillis(500);

  private final BackupConfig config;

  NightlyWait(BackupConfig config) {
    this.config = config;
  }

  StepOutcome await(StepContext ctx) {
    String manager = ctx.manager();
    Instant deadline = ctx.op().createdAt().plus(config.runTimeout());
    String executionId = ctx.step(CREATE).map(StepState::executionId).orElse(null);
    if (executionId != null && ctx.data("executionEnded") == null) {
      String last = Optional.ofNullable(ctx.data("lastStatus")).orElse("unknown");
      try {
        ExecutionInfo ex = ctx.api().getExecution(manager, executionId, false);
        ctx.data("errors", null);
        last = ex.status().wireValue();
        ctx.data("lastStatus", last);
        if (ex.status().isTerminal() && !ex.succeeded()) {
          return StepOutcome.fail(
              "execution "
                  + executionId
                  + " ended `"
                  + last
                  + "`"
                  + (ex.error().isBlank()
                      ? ""
                      : ": " + Truncate.firstLine(ex.error(), Truncate.MAX_LINE)));
        }
        if (ex.status().isTerminal()) {
          ctx.data("executionEnded", "true");
        }
      } catch (RuntimeException e) {
        int errors = Integer.parseInt(Optional.ofNullable(ctx.data("errors")).orElse("0")) + 1;
        ctx.data("errors", Integer.toString(errors));
        if (errors >= MAX_POLL_ERRORS) {
          return StepOutcome.fail(
              "cannot poll execution "
                  + executionId
                  + " ("
                  + errors
                  + " failures in a row): "
                  + NightlyService.message(e));
        }
        log.warn(
            "Polling execution {} failed ({} in a row): {}",
            executionId,
            errors,
            NightlyService.message(e));
      }
      if (ctx.data("executionEnded") == null) {
        if (!ctx.now().isBefore(deadline)) {
          return StepOutcome.fail(
              "execution "
                  + executionId
                  + " still `"
                  + last
                  + "` after "
                  + Durations.format(config.runTimeout())
                  + "; gave up waiting");
        }
        return StepOutcome.waitFor(config.pollInterval(), "execution `" + last + "`");
      }
    }
    // the snapshot row may still say `creating` for a moment after the execution ended
    String snapshotId = ctx.op().step(CREATE).orElseThrow().data().get("snapshot");
    SnapshotInfo s;
    try {
      Optional<SnapshotInfo> found = ctx.api().getSnapshot(manager, snapshotId);
      if (found.isEmpty()) {
        return StepOutcome.fail("snapshot " + snapshotId + " is not on " + manager);
      }
      s = found.get();
    } catch (RuntimeException e) {
      return StepOutcome.fail(NightlyService.message(e));
    }
    if (s.status() == SnapshotStatus.CREATING && ctx.now().isBefore(deadline)) {
      Duration poll =
          SNAPSHOT_SETTLE_POLL.compareTo(config.pollInterval()) < 0
              ? SNAPSHOT_SETTLE_POLL
              : config.pollInterval();
      return StepOutcome.waitFor(poll, "snapshot `creating`");
    }
    if (!s.status().isRestorable()) {
      return StepOutcome.fail(
          "snapshot is `"
              + s.status().wireValue()
              + "` after its execution ended"
              + (s.error().isBlank() ? "" : ": " + s.error()));
    }
    ctx.data("createdAt", (s.createdAt() == null ? ctx.now() : s.createdInstant()).toString());
    return StepOutcome.done(s.status().wireValue());
  }
}
