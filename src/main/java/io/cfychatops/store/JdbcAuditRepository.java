package io.cfychatops.store;

import io.cfychatops.approvals.AuditEntry;
import io.cfychatops.approvals.AuditRepository;
import io.cfychatops.text.Truncate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** The audit log on {@code audit_log}. Append-only: no update or delete statement exists here. */
public final class JdbcAuditRepository implements AuditRepository {
  private static final String COLUMNS =
      "id, at_ms, team_id, user_id, user_name, channel, manager, kind, action, detail";

  private static final RowMapper<AuditEntry> ROW =
      rs ->
          new AuditEntry(
              rs.getLong("id"),
              Jdbc.instant(rs, "at_ms"),
              rs.getString("team_id"),
              rs.getString("user_id"),
              rs.getString("user_name"),
              rs.getString("channel"),
              rs.getString("manager"),
              rs.getString("kind"),
              rs.getString("action"),
              rs.getString("detail"));

  private final Jdbc jdbc;

  public JdbcAuditRepository(Database db) {
    this.jdbc = db.jdbc();
  }

  /** On a transaction's {@link Jdbc} (the entry commits with the caller's other writes). */
  JdbcAuditRepository(Jdbc tx) {
    this.jdbc = tx;
  }

  @Override
  public long append(AuditEntry e) {
    return jdbc.insertReturningId(
        "INSERT INTO audit_log (at_ms, team_id, user_id, user_name, channel, manager, kind, action,"
            + " detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        e.at(),
        Truncate.clip(e.teamId(), 64),
        Truncate.clip(e.userId(), 64),
        Truncate.clip(e.userName(), 200),
        Truncate.clip(e.channel(), 200),
        Truncate.clip(e.manager(), 200),
        Truncate.clip(e.kind(), 64),
        Truncate.clip(e.action(), 64),
        Truncate.clip(e.detail(), 4000));
  }

  @Override
  public List<AuditEntry> recent(int limit, String manager) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    if (manager == null) {
      return jdbc.query(
          "SELECT " + COLUMNS + " FROM audit_log ORDER BY id DESC LIMIT ?", ROW, limit);
    }
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM audit_log WHERE manager = ? ORDER BY id DESC LIMIT ?",
        ROW,
        manager,
        limit);
  }

  @Override
  public List<AuditEntry> recentOf(int limit, Collection<String> managers) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    if (managers.isEmpty()) {
      return List.of();
    }
    List<Object> args = new ArrayList<>(managers);
    args.add(limit);
    String marks = String.join(", ", Collections.nCopies(managers.size(), "?"));
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM audit_log WHERE manager IN ("
            + marks
            + ") ORDER BY id DESC LIMIT ?",
        ROW,
        args.toArray());
  }

  @Override
  public List<AuditEntry> mentioning(String manager, Collection<String> ids, int limit) {
    List<String> safe = ids.stream().filter(id -> id.matches("[a-z0-9-]{1,64}")).toList();
    if (safe.isEmpty() || limit < 1) {
      return List.of();
    }
    List<Object> args = new ArrayList<>();
    args.add(manager);
    safe.forEach(id -> args.add("%" + id + "%"));
    args.add(limit);
    String likes = String.join(" OR ", Collections.nCopies(safe.size(), "detail LIKE ?"));
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM audit_log WHERE manager = ? AND ("
            + likes
            + ") ORDER BY id ASC LIMIT ?",
        ROW,
        args.toArray());
  }
}
