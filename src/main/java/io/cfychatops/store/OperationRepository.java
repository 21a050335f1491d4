package io.cfychatops.store;

import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.MessageRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable operations, their steps and progress events. Status changes are compare-and-set
 * ({@code WHERE status = ?}) and return whether this caller made them, so a runbook resumed on
 * another instance after a crash cannot run a finished step twice.
 */
public final class OperationRepository {
  private static final String COLUMNS =
      "id, kind, manager, tenant, params, requested_by, requested_by_name, approval_id, status,"
          + " current_step, execution_id, message_channel, message_ts, thread_channel, thread_ts,"
          + " incident_channel, created_at, updated_at, finished_at, summary, version";

  private static final RowMapper<OperationRecord> ROW =
      rs ->
          new OperationRecord(
              rs.getString("id"),
              rs.getString("kind"),
              rs.getString("manager"),
              rs.getString("tenant"),
              rs.getString("params"),
              new ChatUser(rs.getString("requested_by"), rs.getString("requested_by_name"), null),
              rs.getString("approval_id"),
              OperationStatus.valueOf(rs.getString("status")),
              rs.getString("current_step"),
              rs.getString("execution_id"),
              ref(rs.getString("message_channel"), rs.getString("message_ts")),
              ref(rs.getString("thread_channel"), rs.getString("thread_ts")),
              rs.getString("incident_channel"),
              Jdbc.instant(rs, "created_at"),
              Jdbc.instant(rs, "updated_at"),
              Jdbc.instant(rs, "finished_at"),
              rs.getString("summary"),
              rs.getLong("version"));

  private static final RowMapper<OperationStep> STEP =
      rs ->
          new OperationStep(
              rs.getString("op_id"),
              rs.getInt("seq"),
              rs.getString("name"),
              StepStatus.valueOf(rs.getString("status")),
              Jdbc.instant(rs, "started_at"),
              Jdbc.instant(rs, "ended_at"),
              rs.getString("detail"));

  private static final RowMapper<OperationEvent> EVENT =
      rs ->
          new OperationEvent(
              rs.getLong("id"),
              rs.getString("op_id"),
              Jdbc.instant(rs, "at_ms"),
              rs.getString("kind"),
              rs.getString("text"),
              rs.getString("message_ts"));

  private final Jdbc jdbc;

  public OperationRepository(Database db) {
    this.jdbc = db.jdbc();
  }

  /**
   * Inserts a PENDING operation.
   *
   * @throws DuplicateKeyException when the id exists or another operation already uses {@code
   *     approvalId} (the approval was already acted on)
   */
  public OperationRecord insert(NewOperation op, Instant now) {
    jdbc.update(
        "INSERT INTO operation (id, kind, manager, tenant, params, requested_by, requested_by_name,"
            + " approval_id, status, created_at, updated_at, version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
        op.id(),
        op.kind(),
        op.manager(),
        op.tenant(),
        op.paramsJson(),
        op.requestedBy().id(),
        Text.clip(op.requestedBy().name(), 200),
        op.approvalId(),
        OperationStatus.PENDING,
        now,
        now);
    return find(op.id()).orElseThrow();
  }

  public Optional<OperationRecord> find(String id) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM operation WHERE id = ?", ROW, id);
  }

  public Optional<OperationRecord> findByApproval(String approvalId) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM operation WHERE approval_id = ?", ROW, approvalId);
  }

  /** Newest first; {@code manager} null for all. */
  public List<OperationRecord> recent(int limit, String manager) {
    if (manager == null) {
      return jdbc.query(
          "SELECT " + COLUMNS + " FROM operation ORDER BY created_at DESC, id DESC LIMIT ?", ROW, limit);
    }
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM operation WHERE manager = ? ORDER BY created_at DESC, id DESC LIMIT ?",
        ROW,
        manager,
        limit);
  }

  /** RUNNING operations, oldest first. */
  public List<OperationRecord> running() {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM operation WHERE status = 'RUNNING' ORDER BY created_at, id", ROW);
  }

  /** PENDING and RUNNING operations, oldest first: what a starting instance must resume. */
  public List<OperationRecord> findUnfinished() {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM operation WHERE status IN ('PENDING', 'RUNNING')"
            + " ORDER BY created_at, id",
        ROW);
  }

  /**
   * Moves {@code id} from {@code from} to {@code to} (sets {@code finished_at} when {@code to} is
   * terminal). Returns true when this call made the change.
   */
  public boolean transition(String id, OperationStatus from, OperationStatus to, Instant at) {
    return jdbc.update(
            "UPDATE operation SET status = ?, updated_at = ?, finished_at = ?, version = version + 1"
                + " WHERE id = ? AND status = ?",
            to,
            at,
            to.isTerminal() ? at : null,
            id,
            from)
        == 1;
  }

  /** Ends a PENDING or RUNNING operation with a terminal status and summary; true if this call did. */
  public boolean finish(String id, OperationStatus to, String summary, Instant at) {
    if (!to.isTerminal()) {
      throw new IllegalArgumentException("finish needs a terminal status, got " + to);
    }
    return jdbc.update(
            "UPDATE operation SET status = ?, summary = ?, updated_at = ?, finished_at = ?,"
                + " version = version + 1 WHERE id = ? AND status IN ('PENDING', 'RUNNING')",
            to,
            Text.clip(summary, 4000),
            at,
            at,
            id)
        == 1;
  }

  /** Records the Cloudify execution the operation waits on (null to clear). */
  public boolean setExecutionId(String id, String executionId, Instant at) {
    return jdbc.update(
            "UPDATE operation SET execution_id = ?, updated_at = ? WHERE id = ?", executionId, at, id)
        == 1;
  }

  /** Records the status message the runbook updates. */
  public boolean setMessage(String id, MessageRef ref, Instant at) {
    return jdbc.update(
            "UPDATE operation SET message_channel = ?, message_ts = ?, updated_at = ? WHERE id = ?",
            ref == null ? null : ref.channel(),
            ref == null ? null : ref.ts(),
            at,
            id)
        == 1;
  }

  /** Records where progress replies go. */
  public boolean setThread(String id, MessageRef ref, Instant at) {
    return jdbc.update(
            "UPDATE operation SET thread_channel = ?, thread_ts = ?, updated_at = ? WHERE id = ?",
            ref == null ? null : ref.channel(),
            ref == null ? null : ref.ts(),
            at,
            id)
        == 1;
  }

  public boolean setIncidentChannel(String id, String channel, Instant at) {
    return jdbc.update(
            "UPDATE operation SET incident_channel = ?, updated_at = ? WHERE id = ?", channel, at, id)
        == 1;
  }

  /**
   * Records that step {@code seq} started (status RUNNING) and makes it the operation's current
   * step, in one transaction. Returns false when that step was already started (a resumed runbook
   * must then look at {@link #steps} instead of starting it again).
   */
  public boolean startStep(String opId, int seq, String name, Instant at) {
    try {
      return jdbc.inTransaction(
          tx -> {
            tx.update(
                "INSERT INTO operation_step (op_id, seq, name, status, started_at) VALUES (?, ?, ?, ?, ?)",
                opId,
                seq,
                name,
                StepStatus.RUNNING,
                at);
            tx.update(
                "UPDATE operation SET current_step = ?, updated_at = ? WHERE id = ?", name, at, opId);
            return true;
          });
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /** Ends a RUNNING step; returns true when this call ended it. */
  public boolean finishStep(String opId, int seq, StepStatus status, String detail, Instant at) {
    if (!status.isTerminal()) {
      throw new IllegalArgumentException("finishStep needs a terminal status, got " + status);
    }
    return jdbc.update(
            "UPDATE operation_step SET status = ?, ended_at = ?, detail = ?"
                + " WHERE op_id = ? AND seq = ? AND status = 'RUNNING'",
            status,
            at,
            Text.clip(detail, 4000),
            opId,
            seq)
        == 1;
  }

  /** Steps in order. */
  public List<OperationStep> steps(String opId) {
    return jdbc.query(
        "SELECT op_id, seq, name, status, started_at, ended_at, detail FROM operation_step"
            + " WHERE op_id = ? ORDER BY seq",
        STEP,
        opId);
  }

  /** Appends a progress line; returns its id. */
  public long appendEvent(String opId, Instant at, String kind, String text, String messageTs) {
    return jdbc.insertReturningId(
        "INSERT INTO operation_event (op_id, at_ms, kind, text, message_ts) VALUES (?, ?, ?, ?, ?)",
        opId,
        at,
        Text.clip(kind, 32),
        Text.clip(text, 4000),
        messageTs);
  }

  /** Progress lines in order. */
  public List<OperationEvent> events(String opId) {
    return jdbc.query(
        "SELECT id, op_id, at_ms, kind, text, message_ts FROM operation_event WHERE op_id = ? ORDER BY id",
        EVENT,
        opId);
  }

  private static MessageRef ref(String channel, String ts) {
    return channel == null || ts == null ? null : new MessageRef(channel, ts);
  }
}
