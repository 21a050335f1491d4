package io.cfychatops.store;

import io.cfychatops.access.Role;
import io.cfychatops.approvals.ApprovalRepository;
import io.cfychatops.approvals.ApprovalRequest;
import io.cfychatops.approvals.ApprovalStatus;
import io.cfychatops.approvals.AuditEntry;
import io.cfychatops.approvals.Decision;
import io.cfychatops.approvals.Vote;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.MessageRef;
import io.cfychatops.text.Truncate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Approval requests and votes on {@code approval_request} / {@code approval_vote}. */
public final class JdbcApprovalRepository implements ApprovalRepository {
  private static final String COLUMNS =
      "id, manager, tenant, manager_url, action, command_text, fingerprint, requester_id,"
          + " requester_name, team_id, channel, reason, plan, snapshot_id, snapshot_created_at,"
          + " snapshot_status, required_votes, approver_roles, approver_groups, status,"
          + " status_reason, created_at, expires_at, decided_at, message_channel, message_ts,"
          + " operation_id, version";

  private static final RowMapper<ApprovalRequest> REQUEST =
      rs -> {
        String mc = rs.getString("message_channel");
        String mts = rs.getString("message_ts");
        return new ApprovalRequest(
            rs.getString("id"),
            rs.getString("manager"),
            rs.getString("tenant"),
            rs.getString("manager_url"),
            rs.getString("action"),
            rs.getString("command_text"),
            rs.getString("fingerprint"),
            new ChatUser(
                rs.getString("requester_id"),
                rs.getString("requester_name"),
                rs.getString("team_id")),
            rs.getString("channel"),
            rs.getString("reason"),
            Text.splitLines(rs.getString("plan")),
            rs.getString("snapshot_id"),
            rs.getString("snapshot_created_at"),
            rs.getString("snapshot_status"),
            rs.getInt("required_votes"),
            roles(rs.getString("approver_roles")),
            Text.splitSet(rs.getString("approver_groups")),
            ApprovalStatus.fromLabel(rs.getString("status")),
            rs.getString("status_reason"),
            Jdbc.instant(rs, "created_at"),
            Jdbc.instant(rs, "expires_at"),
            Jdbc.instant(rs, "decided_at"),
            mc == null || mts == null ? null : new MessageRef(mc, mts),
            rs.getString("operation_id"),
            rs.getLong("version"));
      };

  private static final RowMapper<Vote> VOTE =
      rs ->
          new Vote(
              rs.getString("request_id"),
              new ChatUser(
                  rs.getString("voter_id"), rs.getString("voter_name"), rs.getString("voter_team")),
              Decision.valueOf(rs.getString("vote")),
              Jdbc.instant(rs, "at_ms"));

  private final Jdbc jdbc;

  /**
   * The {@code approver_roles} column ("admin,approver") as roles; a label this version does not
   * know is left out.
   */
  private static Set<Role> roles(String column) {
    Set<Role> out = EnumSet.noneOf(Role.class);
    Text.splitSet(column).forEach(label -> Role.tryParse(label).ifPresent(out::add));
    return out;
  }

  public JdbcApprovalRepository(Database db) {
    this.jdbc = db.jdbc();
  }

  @Override
  public void insert(ApprovalRequest r) {
    jdbc.update(
        "INSERT INTO approval_request ("
            + COLUMNS
            + ") VALUES"
            + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        r.id(),
        r.manager(),
        r.tenant(),
        r.managerUrl(),
        r.action(),
        r.commandText(),
        r.fingerprint(),
        r.requester().id(),
        Truncate.clip(r.requester().name(), 200),
        r.requester().teamId(),
        r.channel(),
        Truncate.clip(r.reason(), 2000),
        Truncate.clip(Text.joinLines(r.plan()), 8000),
        r.snapshotId(),
        r.snapshotCreatedAt(),
        r.snapshotStatus(),
        r.requiredVotes(),
        Text.joinSet(r.approverRoles().stream().map(Role::label).toList()),
        Text.joinSet(r.approverGroups()),
        r.status().label(),
        Truncate.clip(r.statusReason(), 2000),
        r.createdAt(),
        r.expiresAt(),
        r.decidedAt(),
        r.message() == null ? null : r.message().channel(),
        r.message() == null ? null : r.message().ts(),
        r.operationId(),
        r.version());
  }

  @Override
  public Optional<ApprovalRequest> find(String id) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM approval_request WHERE id = ?", REQUEST, id);
  }

  @Override
  public List<Vote> votes(String requestId) {
    return jdbc.query(
        "SELECT request_id, voter_id, voter_name, voter_team, vote, at_ms FROM approval_vote"
            + " WHERE request_id = ? ORDER BY at_ms, voter_id",
        VOTE,
        requestId);
  }

  @Override
  public Cast castVote(Vote v, int requiredVotes, boolean mayComplete, Instant at) {
    return jdbc.inTransaction(
        tx -> {
          // Take the request's row lock first (a no-op update); 0 rows: not pending any more.
          int locked =
              tx.update(
                  "UPDATE approval_request SET version = version WHERE id = ? AND status = 'pending'",
                  v.requestId());
          if (locked == 0) {
            return new Cast(VoteInsert.NOT_PENDING, null, List.of());
          }
          if (!mayComplete && v.decision() == Decision.APPROVE) {
            List<Vote> before = new JdbcApprovalRepository(tx).votes(v.requestId());
            boolean votedAlready =
                before.stream().anyMatch(x -> x.voter().id().equals(v.voter().id()));
            List<Vote> approvals =
                before.stream().filter(x -> x.decision() == Decision.APPROVE).toList();
            if (!votedAlready && approvals.size() + 1 >= requiredVotes) {
              return new Cast(VoteInsert.NEEDS_CONFIRMATION, null, approvals);
            }
          }
          VoteInsert ins = new JdbcApprovalRepository(tx).insertVote(v);
          if (ins != VoteInsert.INSERTED) {
            return new Cast(ins, null, List.of());
          }
          List<Vote> approvals =
              new JdbcApprovalRepository(tx)
                  .votes(v.requestId()).stream()
                      .filter(x -> x.decision() == Decision.APPROVE)
                      .toList();
          ApprovalStatus to = null;
          String reason = null;
          if (v.decision() == Decision.DENY) {
            to = ApprovalStatus.DENIED;
            reason = "denied by " + v.voter().handle();
          } else if (approvals.size() >= requiredVotes) {
            to = ApprovalStatus.APPROVED;
            reason =
                "approved by "
                    + approvals.stream()
                        .map(a -> a.voter().handle())
                        .collect(Collectors.joining(", "));
          }
          if (to != null
              && !new JdbcApprovalRepository(tx)
                  .transition(v.requestId(), Set.of(ApprovalStatus.PENDING), to, reason, at)) {
            throw new IllegalStateException(
                "request " + v.requestId() + " changed while its row was locked");
          }
          return new Cast(VoteInsert.INSERTED, to, approvals);
        });
  }

  private JdbcApprovalRepository(Jdbc tx) {
    this.jdbc = tx;
  }

  @Override
  public VoteInsert insertVote(Vote v) {
    try {
      int n =
          jdbc.update(
              "INSERT INTO approval_vote (request_id, voter_id, voter_name, voter_team, vote, at_ms)"
                  + " SELECT id, CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(200)),"
                  + " CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(8)), CAST(? AS BIGINT)"
                  + " FROM approval_request WHERE id = ? AND status = 'pending'",
              v.voter().id(),
              Truncate.clip(v.voter().name(), 200),
              v.voter().teamId(),
              v.decision(),
              v.at(),
              v.requestId());
      return n == 1 ? VoteInsert.INSERTED : VoteInsert.NOT_PENDING;
    } catch (DuplicateKeyException e) {
      return VoteInsert.DUPLICATE;
    }
  }

  @Override
  public boolean transition(
      String id, Set<ApprovalStatus> from, ApprovalStatus to, String reason, Instant at) {
    if (from.isEmpty()) {
      throw new IllegalArgumentException("from must name at least one status");
    }
    String in = from.stream().map(s -> "?").collect(Collectors.joining(", "));
    List<Object> params = new ArrayList<>();
    params.add(to.label());
    params.add(Truncate.clip(reason, 2000));
    params.add(at);
    params.add(id);
    from.stream().map(ApprovalStatus::label).sorted().forEach(params::add);
    return jdbc.update(
            "UPDATE approval_request SET status = ?, status_reason = ?, decided_at = ?,"
                + " version = version + 1"
                + " WHERE id = ? AND status IN ("
                + in
                + ") AND operation_id IS NULL",
            params.toArray())
        == 1;
  }

  @Override
  public boolean setMessageRef(String id, MessageRef ref) {
    return jdbc.update(
            "UPDATE approval_request SET message_channel = ?, message_ts = ? WHERE id = ?",
            ref == null ? null : ref.channel(),
            ref == null ? null : ref.ts(),
            id)
        == 1;
  }

  @Override
  public boolean setOperationId(String id, String operationId) {
    return jdbc.update(
            "UPDATE approval_request SET operation_id = ?, version = version + 1"
                + " WHERE id = ? AND status = 'approved' AND operation_id IS NULL",
            operationId,
            id)
        == 1;
  }

  @Override
  public boolean setOperationId(String id, String operationId, AuditEntry audit) {
    return jdbc.inTransaction(
        tx -> {
          boolean linked = new JdbcApprovalRepository(tx).setOperationId(id, operationId);
          if (linked) {
            new JdbcAuditRepository(tx).append(audit);
          }
          return linked;
        });
  }

  @Override
  public boolean supersedeForOperation(String id, String operationId, String reason, Instant at) {
    return jdbc.update(
            "UPDATE approval_request SET status = 'superseded', status_reason = ?, decided_at = ?,"
                + " version = version + 1"
                + " WHERE id = ? AND status = 'approved' AND (operation_id IS NULL OR operation_id = ?)",
            Truncate.clip(reason, 2000),
            at,
            id,
            operationId)
        == 1;
  }

  @Override
  public List<ApprovalRequest> findApprovedWithoutOperation() {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM approval_request WHERE status = 'approved' AND operation_id IS NULL"
            + " ORDER BY decided_at, id",
        REQUEST);
  }

  @Override
  public List<ApprovalRequest> findPendingExpiredBefore(Instant now) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM approval_request WHERE status = 'pending' AND expires_at <= ?"
            + " ORDER BY expires_at, id",
        REQUEST,
        now);
  }

  @Override
  public List<ApprovalRequest> findPending() {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM approval_request WHERE status = 'pending'"
            + " ORDER BY created_at, id",
        REQUEST);
  }
}
