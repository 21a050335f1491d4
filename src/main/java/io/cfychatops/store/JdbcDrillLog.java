package io.cfychatops.store;

import io.cfychatops.drill.DrillLog;
import io.cfychatops.drill.DrillRecord;
import io.cfychatops.drill.DrillVerdict;
import io.cfychatops.text.Truncate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link DrillLog} on the {@code drill_run} table: {@link #start} inserts under the operation id
 * (the primary key: a second start of the same drill is a no-op), {@link #finish} is a
 * compare-and-set on {@code verdict = 'RUNNING'}. Phases are stored as {@code name=millis} pairs
 * joined by {@code ;}, in phase order.
 */
public final class JdbcDrillLog implements DrillLog {
  /** The most drills {@link #history} returns. */
  static final int MAX_ROWS = 200;

  private static final String COLUMNS =
      "operation_id, manager, target, slot_at, snapshot_id, started_at, finished_at, verdict,"
          + " reason, phases, total_ms";

  private static final RowMapper<DrillRecord> ROW =
      rs -> {
        Long total = Jdbc.nullableLong(rs, "total_ms");
        return new DrillRecord(
            rs.getString("operation_id"),
            rs.getString("manager"),
            rs.getString("target"),
            Jdbc.instant(rs, "slot_at"),
            rs.getString("snapshot_id"),
            Jdbc.instant(rs, "started_at"),
            Jdbc.instant(rs, "finished_at"),
            DrillVerdict.valueOf(rs.getString("verdict")),
            rs.getString("reason"),
            phases(rs.getString("phases")),
            total == null ? null : Duration.ofMillis(total));
      };

  private final Jdbc jdbc;

  public JdbcDrillLog(Database db) {
    this.jdbc = db.jdbc();
  }

  @Override
  public boolean start(DrillRecord r) {
    if (r.verdict() != DrillVerdict.RUNNING) {
      throw new IllegalArgumentException("a started drill is RUNNING, got " + r.verdict());
    }
    if (find(r.operationId()).isPresent()) {
      return false;
    }
    try {
      return jdbc.update(
              "INSERT INTO drill_run (operation_id, manager, target, slot_at, snapshot_id,"
                  + " started_at, verdict) VALUES (?, ?, ?, ?, ?, ?, ?)",
              r.operationId(),
              r.manager(),
              r.target(),
              r.slot(),
              r.snapshotId(),
              r.startedAt(),
              DrillVerdict.RUNNING)
          == 1;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  @Override
  public boolean finish(DrillRecord r) {
    if (!r.verdict().isFinal() || r.finishedAt() == null) {
      throw new IllegalArgumentException("an ended drill has a verdict and an end time");
    }
    return jdbc.update(
            "UPDATE drill_run SET verdict = ?, finished_at = ?, reason = ?, phases = ?,"
                + " total_ms = ? WHERE operation_id = ? AND verdict = 'RUNNING'",
            r.verdict(),
            r.finishedAt(),
            r.reason().isEmpty() ? null : Truncate.clip(r.reason(), 4000),
            Truncate.clip(text(r.phases()), 1000),
            r.total() == null ? null : r.total().toMillis(),
            r.operationId())
        == 1;
  }

  @Override
  public Optional<DrillRecord> find(String operationId) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM drill_run WHERE operation_id = ?", ROW, operationId);
  }

  @Override
  public List<DrillRecord> history(String manager, int limit) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM drill_run WHERE manager = ? ORDER BY started_at DESC LIMIT ?",
        ROW,
        manager,
        Math.max(1, Math.min(limit, MAX_ROWS)));
  }

  @Override
  public List<DrillRecord> running() {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM drill_run WHERE verdict = 'RUNNING' ORDER BY started_at LIMIT ?",
        ROW,
        MAX_ROWS);
  }

  @Override
  public Optional<DrillRecord> latestEnded(String manager) {
    return jdbc
        .query(
            "SELECT "
                + COLUMNS
                + " FROM drill_run WHERE manager = ? AND verdict <> 'RUNNING'"
                + " ORDER BY started_at DESC LIMIT 1",
            ROW,
            manager)
        .stream()
        .findFirst();
  }

  @Override
  public Optional<DrillRecord> latestSuccessful(String manager) {
    return jdbc
        .query(
            "SELECT "
                + COLUMNS
                + " FROM drill_run WHERE manager = ? AND verdict = 'SUCCESSFUL'"
                + " ORDER BY started_at DESC LIMIT 1",
            ROW,
            manager)
        .stream()
        .findFirst();
  }

  static String text(Map<String, Duration> phases) {
    StringBuilder sb = new StringBuilder();
    phases.forEach(
        (k, v) -> {
          if (sb.length() > 0) {
            sb.append(';');
          }
          sb.append(k).append('=').append(v.toMillis());
        });
    return sb.toString();
  }

  static Map<String, Duration> phases(String text) {
    Map<String, Duration> m = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return m;
    }
    for (String pair : text.split(";")) {
      int eq = pair.lastIndexOf('=');
      if (eq > 0) {
        try {
          m.put(pair.substring(0, eq), Duration.ofMillis(Long.parseLong(pair.substring(eq + 1))));
        } catch (NumberFormatException e) {
          // a damaged pair is left out; the rest still shows
        }
      }
    }
    return m;
  }
}
