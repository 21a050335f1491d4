package io.cfychatops.config;

import static io.cfychatops.config.ConfigValues.orDefault;
import static io.cfychatops.json.Json.strings;
import static io.cfychatops.json.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfychatops.access.Grant;
import io.cfychatops.access.Role;
import io.cfychatops.approvals.ApprovalAction;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code access.grants} (roles as {@link Role}, exact lower-case labels), {@code
 * CFY_CHATOPS_ADMINS} and {@code approvals} (defaults and rules, actions as {@link ApprovalAction}
 * config names or {@code *}). Manager names must be among the configured ones.
 */
final class AccessSection {
  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final ConfigValues v;

  AccessSection(ConfigValues v) {
    this.v = v;
  }

  List<Grant> grants(JsonNode access, Set<String> managers) {
    List<Grant> out = new ArrayList<>();
    if (access.isMissingNode()) {
      return out;
    }
    v.checkKeys(access, "access", Set.of("grants"));
    int i = 0;
    for (JsonNode g : access.path("grants")) {
      String where = "access.grants[" + i++ + "]";
      v.checkKeys(g, where, Set.of("manager", "role", "users", "groups"));
      String manager = orDefault(text(g, "manager"), "*");
      if (!"*".equals(manager) && !managers.contains(manager)) {
        v.problem(where + ".manager: no manager named `" + manager + "`");
      }
      String label = text(g, "role");
      Role role = Role.tryParse(label).filter(r -> r.label().equals(label)).orElse(null);
      if (role == null) {
        v.problem(where + ".role: one of " + Role.labels() + " required, got `" + label + "`");
      }
      Set<String> users = strings(g.path("users"));
      Set<String> groups = strings(g.path("groups"));
      if (users.isEmpty() && groups.isEmpty()) {
        v.problem(where + ": grants the role to nobody (give users or groups)");
      }
      out.add(new Grant(manager, role == null ? Role.VIEWER : role, users, groups));
    }
    return out;
  }

  /**
   * {@code CFY_CHATOPS_ADMINS=U123,U456}: the first admins, admin on every manager, so a bot
   * configured from the environment alone has someone who can use it (and grant the rest). Adds to
   * any grants of the config file.
   */
  Optional<Grant> bootstrapAdmins() {
    String raw = v.env("CFY_CHATOPS_ADMINS");
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    Set<String> users = new LinkedHashSet<>();
    for (String part : raw.split(",")) {
      String id = part.strip();
      if (id.isEmpty()) {
        continue;
      }
      if (!USER_ID.matcher(id).matches()) {
        v.problem(
            "CFY_CHATOPS_ADMINS: `"
                + id
                + "` is not a user id (letters, digits, `.`, `_` or `-`, max 64),"
                + " e.g. CFY_CHATOPS_ADMINS=U0123ABCD,U0456EFGH");
        continue;
      }
      users.add(id);
    }
    if (users.isEmpty()) {
      v.problem(
          "CFY_CHATOPS_ADMINS is set but names no user id, e.g. CFY_CHATOPS_ADMINS=U0123ABCD");
      return Optional.empty();
    }
    return Optional.of(new Grant("*", Role.ADMIN, users, Set.of()));
  }

  List<ApprovalRule> approvals(JsonNode a, Set<String> managers) {
    List<ApprovalRule> out = new ArrayList<>();
    if (a.isMissingNode()) {
      return out;
    }
    v.checkKeys(a, "approvals", Set.of("defaults", "rules"));
    if (!a.path("defaults").isMissingNode()) {
      out.add(rule(a.path("defaults"), "approvals.defaults", "*", "*"));
    }
    int i = 0;
    for (JsonNode r : a.path("rules")) {
      String where = "approvals.rules[" + i++ + "]";
      String manager = orDefault(text(r, "manager"), "*");
      if (!"*".equals(manager) && !managers.contains(manager)) {
        v.problem(where + ".manager: no manager named `" + manager + "`");
      }
      String action = orDefault(text(r, "action"), "*");
      if (!ApprovalAction.ANY.equals(action) && ApprovalAction.fromConfigName(action).isEmpty()) {
        v.problem(
            where
                + ".action: one of "
                + ApprovalAction.configNames()
                + " or `"
                + ApprovalAction.ANY
                + "` expected, got `"
                + action
                + "`");
      }
      out.add(rule(r, where, manager, action));
    }
    return out;
  }

  private ApprovalRule rule(JsonNode r, String where, String manager, String action) {
    v.checkKeys(
        r,
        where,
        Set.of(
            "manager",
            "action",
            "required",
            "required_votes",
            "approver_roles",
            "approver_groups",
            "expiry",
            "reason_required",
            "confirm"));
    Integer votes = null;
    if (r.has("required_votes")) {
      votes = r.path("required_votes").asInt(-1);
      if (votes < 1 || votes > 10) {
        v.problem(
            where
                + ".required_votes: between 1 and 10, got `"
                + r.path("required_votes").asText()
                + "`");
      }
    }
    Set<Role> roles = null;
    if (r.has("approver_roles")) {
      roles = EnumSet.noneOf(Role.class);
      for (String label : strings(r.path("approver_roles"))) {
        Optional<Role> role = Role.tryParse(label).filter(x -> x.label().equals(label));
        if (role.isPresent()) {
          roles.add(role.get());
        } else {
          v.problem(where + ".approver_roles: unknown role `" + label + "`");
        }
      }
    }
    Boolean confirmTyped = null;
    if (r.has("confirm")) {
      String c = r.path("confirm").asText();
      if ("typed".equals(c) || "click".equals(c)) {
        confirmTyped = "typed".equals(c);
      } else {
        v.problem(where + ".confirm: `typed` or `click` expected, got `" + c + "`");
      }
    }
    return new ApprovalRule(
        manager,
        action,
        r.has("required") ? r.path("required").asBoolean() : null,
        votes,
        roles,
        r.has("approver_groups") ? strings(r.path("approver_groups")) : null,
        r.has("expiry") ? v.duration(r, "expiry", null, where) : null,
        r.has("reason_required") ? r.path("reason_required").asBoolean() : null,
        confirmTyped);
  }
}
