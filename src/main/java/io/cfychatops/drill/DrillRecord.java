package io.cfychatops.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One drill in the history: what was drilled where, and, once it ended, the verdict with its reason
 * and the RTO by phase.
 *
 * @param operationId the drill's operation (the key)
 * @param manager the manager whose backup was drilled
 * @param target the scratch manager it was restored onto
 * @param slot the schedule slot, null for a drill run on demand
 * @param snapshotId the snapshot id on {@code manager}
 * @param phases the time each phase took, in order ({@link DrillPhases})
 * @param total start to verdict
 */
public record DrillRecord(
    String operationId,
    String manager,
    String target,
    @Nullable Instant slot,
    String snapshotId,
    Instant startedAt,
    @Nullable Instant finishedAt,
    DrillVerdict verdict,
    String reason,
    Map<String, Duration> phases,
    @Nullable Duration total) {

  public DrillRecord {
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(snapshotId, "snapshotId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(verdict, "verdict");
    reason = reason == null ? "" : reason;
    phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases == null ? Map.of() : phases));
  }

  /** A drill that has just started. */
  public static DrillRecord started(
      String operationId,
      String manager,
      String target,
      @Nullable Instant slot,
      String snapshotId,
      Instant at) {
    return new DrillRecord(
        operationId,
        manager,
        target,
        slot,
        snapshotId,
        at,
        null,
        DrillVerdict.RUNNING,
        "",
        Map.of(),
        null);
  }

  public DrillRecord ended(
      DrillVerdict v, String why, Instant at, Map<String, Duration> byPhase, Duration took) {
    return new DrillRecord(
        operationId, manager, target, slot, snapshotId, startedAt, at, v, why, byPhase, took);
  }
}
