package io.cfychatops.core;

import io.cfychatops.access.AccessControl;
import io.cfychatops.access.Role;
import io.cfychatops.approvals.AuditLog;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Responder;
import io.cfychatops.chat.Status;
import io.cfychatops.command.ActionKind;
import io.cfychatops.command.Globals;
import io.cfychatops.config.ManagerConfig;
import io.cfychatops.ops.ManagerPort;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * Which manager(s) a command may touch for its user: {@code -m NAME} or the default manager, the
 * role the command's {@link ActionKind} requires there, the configured tenant; or, for queries that
 * span managers, every manager the user may read. Every refusal is answered here and costs one
 * short audit row and nothing of the command's text; every admitted command is audited with its
 * line. Names of managers the user may not view never appear in an answer.
 */
final class ManagerScope {
  /** One manager a command was admitted to, and the port to read it through. */
  record Target(String manager, ManagerConfig config, ManagerPort port) {}

  private final Managers managers;
  private final AccessControl access;
  private final AuditLog audit;

  ManagerScope(Managers managers, AccessControl access, AuditLog audit) {
    this.managers = Objects.requireNonNull(managers);
    this.access = Objects.requireNonNull(access);
    this.audit = Objects.requireNonNull(audit);
  }

  /**
   * The manager {@code kind} runs on for {@code user}, checked (access before anything else) and
   * audited; empty when refused ({@code r} has been answered).
   */
  Optional<Target> enter(
      ActionKind kind, Globals g, String canonical, ChatUser user, String channel, Responder r) {
    Optional<String> named = resolve(g, user, r);
    if (named.isEmpty()) {
      return Optional.empty();
    }
    String manager = named.get();
    MDC.put("manager", manager);
    MDC.put("user", user.id());
    // the access check comes first: a refused command costs one short audit row and nothing of its
    // text
    Optional<String> denied = access.check(user.id(), manager, kind.requiredRole(), kind.verb());
    if (denied.isPresent()) {
      audit.recordRefusal(
          user,
          channel,
          manager,
          kind.path(),
          "needs the " + kind.requiredRole().label() + " role");
      r.ephemeral(Message.text(Status.WARNING, denied.get()));
      return Optional.empty();
    }
    audit.record(user, channel, manager, "command", kind.path(), canonical);
    ManagerConfig mc = managers.config(manager).orElseThrow();
    if (g.tenant() != null && !g.tenant().equals(mc.tenant())) {
      r.ephemeral(
          Message.text(
              Status.WARNING,
              "Manager `"
                  + manager
                  + "` is configured for tenant `"
                  + mc.tenant()
                  + "`; other tenants need their own manager entry in the config (asked for `"
                  + g.tenant()
                  + "`)."));
      return Optional.empty();
    }
    return Optional.of(new Target(manager, mc, managers.port()));
  }

  /**
   * Every manager {@code user} may read for {@code kind} (viewer; approver for the audit log),
   * audited; empty when there is none ({@code r} has been answered). Nothing of a manager outside
   * that scope is shown, and an operation there is "not found", not "forbidden".
   */
  Optional<List<String>> span(
      ActionKind kind, String canonical, ChatUser user, String channel, Responder r) {
    MDC.put("user", user.id());
    Role needed = kind.requiredRole();
    List<String> scope = access.managers(user.id(), needed, managers.names());
    if (scope.isEmpty()) {
      audit.recordRefusal(
          user, channel, "", kind.path(), "needs the " + needed.label() + " role on a manager");
      r.ephemeral(
          Message.text(
              Status.WARNING, access.refusalOnEveryManager(user.id(), needed, kind.verb())));
      return Optional.empty();
    }
    audit.record(
        user, channel, scope.size() == 1 ? scope.get(0) : "", "command", kind.path(), canonical);
    return Optional.of(scope);
  }

  /** True when {@code scope} holds every configured manager. */
  boolean coversAll(List<String> scope) {
    return scope.size() == managers.names().size();
  }

  /** The manager a command is for; the hints name only the managers {@code user} may view. */
  private Optional<String> resolve(Globals g, ChatUser user, Responder r) {
    if (g.manager() != null) {
      if (managers.exists(g.manager())) {
        return Optional.of(g.manager());
      }
      r.ephemeral(
          Message.text(Status.WARNING, "Unknown manager `" + g.manager() + "`." + yours(user)));
      return Optional.empty();
    }
    if (managers.names().size() == 1) {
      return Optional.of(managers.names().get(0));
    }
    if (managers.names().contains("default")) {
      return Optional.of("default");
    }
    r.ephemeral(
        Message.text(
            Status.WARNING,
            "Several managers are configured; name one with `-m NAME`." + yours(user)));
    return Optional.empty();
  }

  /**
   * " Yours: a, b." for the managers the user may view, or "" (no names of other managers leak).
   */
  private String yours(ChatUser user) {
    List<String> visible = access.managers(user.id(), Role.VIEWER, managers.names());
    return visible.isEmpty() ? "" : " Yours: " + String.join(", ", visible) + ".";
  }
}
