package io.cfychatops.backup;

import java.time.Instant;
import java.util.List;

/**
 * The durable record of runs, and the exactly-once guard for slots. The production implementation
 * ({@code store.JdbcNightlyRunLog}) has a unique key on {@code (manager, slot)}, so with several
 * replicas on one database exactly one of them runs each slot. Implementations are thread-safe.
 */
public interface NightlyRunLog {

  /**
   * Inserts {@code claim} (a {@link RunRecord.Outcome#RUNNING} record, see {@link
   * RunRecord#claim}). Returns true when this caller inserted it and so owns the run; false when
   * {@code (manager, slot)} was already claimed by anyone.
   */
  boolean tryClaim(RunRecord claim);

  /**
   * Records the end of the claimed run {@code (ended.manager(), ended.slot())}: its outcome and
   * every field after it ({@link RunRecord#succeeded}, {@link RunRecord#failed}); what the claim
   * recorded stays. True when this call ended the run; false when there is no such run or it had
   * already ended.
   */
  boolean finish(RunRecord ended);

  /** Runs of {@code manager} that started at or after {@code since}, newest slot first. */
  List<RunRecord> history(String manager, Instant since);
}
