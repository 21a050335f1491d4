package io.cfychatops.store;

import io.cfychatops.text.Truncate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Nightly backup runs. {@link #tryClaim} inserts under {@code UNIQUE(manager, slot_at)}: of all
 * instances that try to run a slot, exactly one gets the row.
 */
public final class NightlyRunRepository {
  private static final String COLUMNS =
      "id, manager, slot_at, started_at, finished_at, status, claimed_by, snapshot_id, bytes,"
          + " sha256, verified, duration_ms, error, catch_up";

  private static final RowMapper<NightlyRun> ROW =
      rs ->
          new NightlyRun(
              rs.getLong("id"),
              rs.getString("manager"),
              Jdbc.instant(rs, "slot_at"),
              Jdbc.instant(rs, "started_at"),
              Jdbc.instant(rs, "finished_at"),
              NightlyStatus.valueOf(rs.getString("status")),
              rs.getString("claimed_by"),
              rs.getString("snapshot_id"),
              Jdbc.nullableLong(rs, "bytes"),
              rs.getString("sha256"),
              rs.getBoolean("verified"),
              Jdbc.nullableLong(rs, "duration_ms"),
              rs.getString("error"),
              rs.getBoolean("catch_up"));

  private final Jdbc jdbc;

  public NightlyRunRepository(Database db) {
    this.jdbc = db.jdbc();
  }

  /**
   * Claims {@code manager}'s slot {@code slotAt} as RUNNING. Empty when another instance (or an
   * earlier attempt) already claimed it.
   */
  public Optional<NightlyRun> tryClaim(
      String manager, Instant slotAt, Instant now, boolean catchUp, String claimedBy) {
    try {
      long id =
          jdbc.insertReturningId(
              "INSERT INTO nightly_run (manager, slot_at, started_at, status, claimed_by, verified,"
                  + " catch_up) VALUES (?, ?, ?, ?, ?, FALSE, ?)",
              manager,
              slotAt,
              now,
              NightlyStatus.RUNNING,
              Truncate.clip(claimedBy == null ? "" : claimedBy, 200),
              catchUp);
      return find(id);
    } catch (DuplicateKeyException e) {
      return Optional.empty();
    }
  }

  /** Ends a RUNNING run; duration is {@code at - started_at}. True when this call ended it. */
  public boolean finish(long id, NightlyResult r, Instant at) {
    return jdbc.update(
            "UPDATE nightly_run SET status = ?, finished_at = ?, duration_ms = CAST(? AS BIGINT) - started_at,"
                + " snapshot_id = ?, bytes = ?, sha256 = ?, verified = ?, error = ?"
                + " WHERE id = ? AND status = 'RUNNING'",
            r.status(),
            at,
            at.toEpochMilli(),
            r.snapshotId(),
            r.bytes(),
            r.sha256(),
            r.verified(),
            Truncate.clip(r.error(), 4000),
            id)
        == 1;
  }

  public Optional<NightlyRun> find(long id) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM nightly_run WHERE id = ?", ROW, id);
  }

  public Optional<NightlyRun> find(String manager, Instant slotAt) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM nightly_run WHERE manager = ? AND slot_at = ?", ROW, manager, slotAt);
  }

  /** The last {@code n} runs of {@code manager}, newest slot first. */
  public List<NightlyRun> history(String manager, int n) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM nightly_run WHERE manager = ? ORDER BY slot_at DESC LIMIT ?",
        ROW,
        manager,
        n);
  }

  /** The newest run of {@code manager} (any status): where catch-up logic starts from. */
  public Optional<NightlyRun> latest(String manager) {
    return history(manager, 1).stream().findFirst();
  }

  /** The newest run that succeeded and was verified. */
  public Optional<NightlyRun> latestVerified(String manager) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM nightly_run WHERE manager = ? AND status = 'SUCCEEDED'"
            + " AND verified = TRUE ORDER BY slot_at DESC LIMIT 1",
        ROW,
        manager);
  }

  /** RUNNING runs, oldest first (after a crash, ones started long ago are stale). */
  public List<NightlyRun> running() {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM nightly_run WHERE status = 'RUNNING' ORDER BY started_at, id", ROW);
  }
}
