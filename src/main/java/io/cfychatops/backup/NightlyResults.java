package io.cfychatops.backup;

import io.cfychatops.ops.Operation;
import io.cfychatops.ops.OperationSpec.NightlySpec;
import io.cfychatops.ops.StepState;
import io.cfychatops.ops.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What a nightly operation did, read from its steps' data: its {@link ManagerRun}. */
final class NightlyResults {
  private final BackupConfig config;
  private final NightlyRunLog runs;

  NightlyResults(BackupConfig config, NightlyRunLog runs) {
    this.config = config;
    this.runs = runs;
  }

  /** The operations of {@code op}'s batch, itself included. */
  static List<String> batch(Operation op) {
    List<String> ids = spec(op).batch();
    return ids.isEmpty() ? List.of(op.id()) : ids;
  }

  static boolean recorded(Operation o) {
    return o.status().isFinal()
        || o.step(NightlyRunbook.RECORD).map(s -> s.status() == StepStatus.DONE).orElse(false);
  }

  /** When the run ended: its {@code record} step's time (the operation ends a step later). */
  static Instant finishedAt(Operation o) {
    return o.step(NightlyRunbook.RECORD)
        .map(s -> s.data().get("finishedAt"))
        .map(Instant::parse)
        .orElse(o.finishedAt() == null ? o.lastChangeAt() : o.finishedAt());
  }

  /** What the run of {@code op} did, as of {@code end}. */
  ManagerRun result(Operation op, Instant end) {
    String manager = op.manager();
    Instant slot = spec(op).slot();
    RunRecord.Kind kind = claim(manager, slot).map(RunRecord::kind).orElse(RunRecord.Kind.MANUAL);
    String local =
        config.schedules().containsKey(manager) ? config.schedule(manager).localTime(slot) : "";
    Duration took = Duration.between(op.createdAt(), end);
    Optional<StepState> failed =
        op.steps().stream().filter(s -> s.status() == StepStatus.FAILED).findFirst();
    Optional<StepState> dl =
        op.step(NightlyRunbook.DOWNLOAD).filter(s -> s.data().containsKey("sha256"));
    long size = dl.map(s -> Long.parseLong(s.data().get("bytes"))).orElse(0L);
    String sha = dl.map(s -> s.data().get("sha256")).orElse(null);
    String snapshotId =
        op.step(NightlyRunbook.CREATE).map(s -> s.data().get("snapshot")).orElse(null);
    if (failed.isPresent() || op.failure() != null) {
      String stage = failed.map(StepState::name).orElse("internal");
      String error = failed.map(StepState::detail).orElse(String.valueOf(op.failure()));
      return new ManagerRun(
          manager,
          snapshotId,
          kind,
          slot,
          local,
          false,
          stage,
          error,
          size,
          sha,
          false,
          took,
          end,
          List.of(),
          List.of());
    }
    Optional<StepState> ret = op.step(NightlyRunbook.RETENTION);
    return new ManagerRun(
        manager,
        snapshotId,
        kind,
        slot,
        local,
        true,
        null,
        null,
        size,
        sha,
        true,
        took,
        end,
        lines(ret.map(s -> s.data().get("deleted")).orElse(null)),
        lines(ret.map(s -> s.data().get("problems")).orElse(null)),
        NightlyOffsite.of(op));
  }

  private static List<String> lines(@Nullable String joined) {
    return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split("\n"));
  }

  Optional<RunRecord> claim(String manager, Instant slot) {
    return runs.history(manager, slot).stream().filter(r -> r.slot().equals(slot)).findFirst();
  }

  static NightlySpec spec(Operation op) {
    return (NightlySpec) op.spec();
  }
}
