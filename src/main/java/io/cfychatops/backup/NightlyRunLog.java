package io.cfychatops.backup;

import java.time.Instant;
import java.util.List;

/**
 * The durable record of runs, and the exactly-once guard for slots. The production implementation
 * sits on {@code store.NightlyRunRepository} (a unique key on {@code (manager, slot)}), so with
 * several replicas on one database exactly one of them runs each slot.
 */
public interface NightlyRunLog {

  /**
   * Inserts a {@link RunRecord.Outcome#RUNNING} record for {@code (manager, slot)}. Returns true when
   * this caller inserted it and so owns the run; false when the slot was already claimed by anyone.
   */
  boolean tryClaim(String manager, Instant slot, RunRecord.Kind kind, String owner, Instant now);

  /** Records the end of a claimed run. */
  void finish(
      String manager, Instant slot, RunRecord.Outcome outcome, String snapshotId, String detail,
      Instant now);

  /** Runs of {@code manager} that started at or after {@code since}, newest first. */
  List<RunRecord> history(String manager, Instant since);
}
