package io.cfychatops.sim;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The checks every request passes before its handler: maintenance mode (§5.5, before
 * authentication, so an unauthenticated blocked request gets 503), authentication (§1.1: Basic,
 * then token; 401 JSON), the tenant (403) and the admin-only actions (403).
 */
final class Guard {
  private static final Set<String> MAINTENANCE_ALLOWED =
      Set.of(
          "brokers",
          "managers",
          "db-nodes",
          "cluster",
          "config",
          "status",
          "version",
          "license",
          "maintenance",
          "cluster-status",
          "file-server-auth",
          "ok",
          "snapshots",
          "snapshot-status");
  private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH");

  private final SimulatorConfig cfg;
  private final SimState state;

  Guard(SimulatorConfig cfg, SimState state) {
    this.cfg = cfg;
    this.state = state;
  }

  void checkMaintenance(HttpExchange ex, List<String> seg, String method, Instant now) {
    String status = state.maintenanceStatus();
    String top = seg.get(0);
    String code;
    if (status.equals("activated")) {
      if (MAINTENANCE_ALLOWED.contains(top)) {
        return;
      }
      code = "maintenance_mode_active";
    } else if (status.equals("activating")) {
      boolean write = WRITE_METHODS.contains(method);
      boolean blocked =
          (top.equals("snapshots") && seg.size() == 2 && write)
              || (top.equals("snapshots") && seg.size() == 3 && seg.get(2).equals("restore"))
              || (top.equals("executions") && seg.size() == 1 && write)
              || (top.equals("deployments") && seg.size() == 2 && write)
              || (top.equals("deployment-modifications") && write);
      if (!blocked) {
        return;
      }
      code = "entering_maintenance_mode";
    } else {
      return;
    }
    String bypass = ex.getRequestHeaders().getFirst("X-BYPASS-MAINTENANCE");
    if (bypass != null && !bypass.isEmpty()) {
      try {
        if (authenticate(ex, now).admin()) {
          return;
        }
      } catch (ApiError e) {
        // not allowed to bypass: falls through to 503
      }
    }
    throw ApiError.maintenance(code);
  }

  Http.Principal authenticate(HttpExchange ex, Instant now) {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        decoded = "";
      }
      int colon = decoded.indexOf(':');
      String user = colon < 0 ? decoded : decoded.substring(0, colon);
      String pw = colon < 0 ? "" : decoded.substring(colon + 1);
      char c = user.isEmpty() ? ' ' : user.charAt(0);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        if (user.equals(cfg.username()) && pw.equals(cfg.password())) {
          return new Http.Principal(user, "sys_admin", "http_basic");
        }
        if (pw.equals(cfg.extraUsers().get(user))) {
          return new Http.Principal(user, "user", "http_basic");
        }
        throw ApiError.unauthorized(
            "Authentication failed for <User username=`"
                + user
                + "`>. Wrong credentials or locked account");
      }
    }
    String token = ex.getRequestHeaders().getFirst("Authentication-Token");
    if (token != null && !token.isEmpty()) {
      Tokens.Token t = state.checkToken(token.trim(), now);
      return new Http.Principal(t.username(), t.role(), "token");
    }
    throw ApiError.unauthorized("No authentication info provided");
  }

  /** 403 unless {@code tenant} (the Tenant header, may be absent) is a tenant of this manager. */
  void checkTenant(String tenant) {
    if (tenant != null
        && !tenant.isEmpty()
        && !tenant.equals(cfg.tenant())
        && !state.content.hasTenant(tenant)) {
      throw ApiError.forbidden(
          "Authorization failed: Tried to authenticate with invalid tenant name: " + tenant);
    }
  }

  void requireAdmin(Http.Principal who, String action) {
    if (!who.admin()) {
      throw ApiError.forbidden(
          "User `"
              + who.username()
              + "` is not permitted to perform the action "
              + action
              + " in the tenant `"
              + cfg.tenant()
              + "`");
    }
  }
}
