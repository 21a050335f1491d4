package io.cfychatops.store;

import io.cfychatops.backup.NightlyRunLog;
import io.cfychatops.backup.RunRecord;
import io.cfychatops.text.Truncate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@link NightlyRunLog} on the {@code nightly_run} table. {@link #tryClaim} inserts under {@code
 * UNIQUE(manager, slot_at)}: of all instances that try to run a slot, exactly one gets the row;
 * {@link #finish} is a compare-and-set on {@code status = 'RUNNING'}. Auto-commit: each call is
 * committed (and, on the embedded engine, on disk) when it returns.
 */
public final class JdbcNightlyRunLog implements NightlyRunLog {
  /** The most runs {@link #history} returns (a year of nightly runs with room for manual ones). */
  static final int HISTORY_ROWS = 500;

  private static final String COLUMNS =
      "manager, slot_at, kind, claimed_by, started_at, operation_id, status, finished_at,"
          + " snapshot_id, error, bytes, sha256, verified, duration_ms";

  private static final RowMapper<RunRecord> ROW =
      rs -> {
        Long durationMs = Jdbc.nullableLong(rs, "duration_ms");
        return new RunRecord(
            rs.getString("manager"),
            Jdbc.instant(rs, "slot_at"),
            RunRecord.Kind.valueOf(rs.getString("kind")),
            rs.getString("claimed_by"),
            Jdbc.instant(rs, "started_at"),
            rs.getString("operation_id"),
            RunRecord.Outcome.valueOf(rs.getString("status")),
            Jdbc.instant(rs, "finished_at"),
            rs.getString("snapshot_id"),
            rs.getString("error"),
            Jdbc.nullableLong(rs, "bytes"),
            rs.getString("sha256"),
            rs.getBoolean("verified"),
            durationMs == null ? null : Duration.ofMillis(durationMs));
      };

  private final Jdbc jdbc;

  public JdbcNightlyRunLog(Database db) {
    this.jdbc = db.jdbc();
  }

  @Override
  public boolean tryClaim(RunRecord claim) {
    if (claim.outcome() != RunRecord.Outcome.RUNNING) {
      throw new IllegalArgumentException("a claim is RUNNING, got " + claim.outcome());
    }
    try {
      return jdbc.update(
              "INSERT INTO nightly_run (manager, slot_at, kind, claimed_by, started_at, operation_id,"
                  + " status, verified) VALUES (?, ?, ?, ?, ?, ?, ?, FALSE)",
              claim.manager(),
              claim.slot(),
              claim.kind(),
              Truncate.clip(claim.owner(), 200),
              claim.startedAt(),
              claim.operationId(),
              RunRecord.Outcome.RUNNING)
          == 1;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  @Override
  public boolean finish(RunRecord ended) {
    if (!ended.outcome().isFinal() || ended.finishedAt() == null) {
      throw new IllegalArgumentException("an ended run has a final outcome and an end time");
    }
    return jdbc.update(
            "UPDATE nightly_run SET status = ?, finished_at = ?, snapshot_id = ?, error = ?,"
                + " bytes = ?, sha256 = ?, verified = ?, duration_ms = ?"
                + " WHERE manager = ? AND slot_at = ? AND status = 'RUNNING'",
            ended.outcome(),
            ended.finishedAt(),
            ended.snapshotId(),
            ended.detail().isEmpty() ? null : Truncate.clip(ended.detail(), 4000),
            ended.bytes(),
            ended.sha256(),
            ended.verified(),
            ended.duration() == null ? null : ended.duration().toMillis(),
            ended.manager(),
            ended.slot())
        == 1;
  }

  @Override
  public List<RunRecord> history(String manager, Instant since) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM nightly_run WHERE manager = ? AND started_at >= ?"
            + " ORDER BY slot_at DESC LIMIT ?",
        ROW,
        manager,
        since,
        HISTORY_ROWS);
  }
}
