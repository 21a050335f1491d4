package io.cfychatops.core;

import io.cfychatops.access.AccessControl;
import io.cfychatops.access.Role;
import io.cfychatops.approvals.AuditLog;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Responder;
import io.cfychatops.chat.Status;
import io.cfychatops.command.ActionKind;
import io.cfychatops.ops.Operation;
import io.cfychatops.ops.OperationEngine;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ops list|show|cancel} on the {@code ops} engine, scoped to the managers a user may see: an
 * operation on any other manager does not exist for them (ids do not leak).
 */
final class OperationCommands {
  /** Finished operations {@code ops list} shows besides the running ones. */
  static final int LIST_LIMIT = 20;

  private final OperationEngine engine;
  private final AccessControl access;
  private final AuditLog audit;

  OperationCommands(OperationEngine engine, AccessControl access, AuditLog audit) {
    this.engine = Objects.requireNonNull(engine);
    this.access = Objects.requireNonNull(access);
    this.audit = Objects.requireNonNull(audit);
  }

  /** {@code ops list} over the operations of {@code scope} only. */
  Message list(List<String> scope) {
    return engine.renderList(LIST_LIMIT, scope);
  }

  /** {@code ops show ID}; "no operation" unless it runs on one of {@code scope}. */
  Message show(String id, List<String> scope) {
    return engine.renderShow(id, scope);
  }

  /**
   * Cancels an operation: the requester may, otherwise an operator on the operation's own manager.
   */
  void cancel(String opId, ChatUser user, String channel, Responder r) {
    Optional<Operation> op = engine.find(opId);
    boolean own = op.map(o -> user.id().equals(o.requester())).orElse(false);
    if (op.isEmpty() || (!own && !access.has(user.id(), op.get().manager(), Role.VIEWER))) {
      // an operation you may not see does not exist
      r.ephemeral(
          Message.text(Status.WARNING, "No operation `" + opId + "`. Try `/cfy ops list`."));
      return;
    }
    String manager = op.get().manager();
    ActionKind kind = ActionKind.OPS_CANCEL;
    Optional<String> denied =
        own ? Optional.empty() : access.check(user.id(), manager, kind.requiredRole(), kind.verb());
    if (denied.isPresent()) {
      r.ephemeral(Message.text(Status.WARNING, denied.get()));
      return;
    }
    audit.record(user, channel, manager, "command", kind.path(), opId);
    r.ephemeral(Message.text(Status.INFO, engine.cancel(opId, user.id())));
  }

  /** True when no operation runs and no progress message waits to be sent. */
  boolean idle() {
    return engine.recent(50).stream().allMatch(op -> op.status().isFinal())
        && engine.progressDue() == null;
  }
}
