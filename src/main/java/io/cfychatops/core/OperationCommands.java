package io.cfychatops.core;

import io.cfychatops.access.AccessControl;
import io.cfychatops.access.Role;
import io.cfychatops.approvals.AuditLog;
import io.cfychatops.chat.ChatException;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Responder;
import io.cfychatops.chat.Status;
import io.cfychatops.command.ActionKind;
import io.cfychatops.command.OpsCommand;
import io.cfychatops.ops.Operation;
import io.cfychatops.ops.OperationEngine;
import io.cfychatops.timeline.Timeline;
import io.cfychatops.timeline.TimelineFormat;
import io.cfychatops.timeline.Timelines;
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

  private final ChatPort chat;

  OperationCommands(OperationEngine engine, AccessControl access, AuditLog audit, ChatPort chat) {
    this.engine = Objects.requireNonNull(engine);
    this.access = Objects.requireNonNull(access);
    this.audit = Objects.requireNonNull(audit);
    this.chat = Objects.requireNonNull(chat);
  }

  /**
   * {@code ops timeline ID}: "no operation" unless it runs on one of {@code scope} (as {@code ops
   * show}). Uploaded to the operation's thread (else the caller's channel) where the transport
   * takes files; printed in the reply where it does not (the console).
   */
  Message timeline(OpsCommand.Timeline c, List<String> scope, ChatUser user, String channel) {
    Optional<Operation> op = engine.find(c.opId()).filter(o -> scope.contains(o.manager()));
    if (op.isEmpty()) {
      return Message.text(Status.WARNING, "No operation `" + c.opId() + "`. Try `/cfy ops list`.");
    }
    Operation o = op.get();
    List<String> ids = o.approval() == null ? List.of(o.id()) : List.of(o.id(), o.approval());
    Timeline t = Timelines.build(o, audit.mentioning(o.manager(), ids));
    TimelineFormat f = TimelineFormat.parse(c.format()).orElse(TimelineFormat.MD);
    String file = f.fileName(t);
    audit.record(user, channel, o.manager(), "command", ActionKind.OPS_TIMELINE.path(), o.id());
    String target = o.messageRef() != null ? o.messageRef().channel() : channel;
    String thread = o.messageRef() != null ? o.messageRef().ts() : null;
    try {
      chat.uploadFile(target, thread, file, "Timeline of " + o.id(), f.bytes(t));
      return Message.text(
          Status.OK,
          "Timeline of "
              + o.id()
              + " uploaded as "
              + file
              + (thread != null ? " in the operation's thread." : " here."));
    } catch (ChatException e) {
      if (!"not_supported".equals(e.code())) {
        return Message.text(
            Status.FAILED, "Could not upload the timeline of " + o.id() + ": " + e.code());
      }
    }
    return Message.builder(Status.INFO, file).rows(f.render(t).lines().toList()).build();
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
