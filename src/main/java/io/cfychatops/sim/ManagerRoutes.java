package io.cfychatops.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The manager-wide endpoints: {@code /maintenance} (§5), {@code /tokens} (§6.1), {@code /version}
 * (§6.2), {@code /status} (§6.3), {@code /cluster-status} (§6.4) and {@code /ok}.
 */
final class ManagerRoutes {
  private final SimulatorConfig cfg;
  private final SimState state;
  private final Guard guard;
  private final Supplier<ClusterScenario> scenario;

  ManagerRoutes(
      SimulatorConfig cfg, SimState state, Guard guard, Supplier<ClusterScenario> scenario) {
    this.cfg = cfg;
    this.state = state;
    this.guard = guard;
    this.scenario = scenario;
  }

  void maintenance(Http.Request r) throws IOException {
    if (r.size() == 1) {
      Http.requireMethod(r.method(), "GET");
      Http.json(r.exchange(), 200, state.maintenanceJson());
    } else if (r.size() == 2) {
      Http.requireMethod(r.method(), "POST");
      guard.requireAdmin(r.who(), "maintenance_mode_set");
      Map<String, Object> body =
          switch (r.seg(1)) {
            case "activate" -> state.activate(r.who().username(), r.now());
            case "deactivate" -> state.deactivate(r.now());
            default ->
                throw ApiError.badParameters(
                    "Invalid action: "
                        + r.seg(1)
                        + ", Valid action values are: ['activate', 'deactivate']");
          };
      if (body == null) {
        r.exchange().sendResponseHeaders(304, -1);
      } else {
        Http.json(r.exchange(), 200, body);
      }
    } else {
      throw Http.notFoundRoute();
    }
  }

  void tokens(Http.Request r) throws IOException {
    Http.Principal who = r.who();
    if (r.size() == 1) {
      if (r.method().equals("GET")) {
        List<Map<String, Object>> mine =
            state.tokenItems().stream()
                .filter(t -> who.admin() || who.username().equals(t.get("username")))
                .toList();
        Http.json(r.exchange(), 200, Listing.envelope(mine, Tokens.FIELDS, r.query()));
        return;
      }
      Http.requireMethod(r.method(), "POST");
      JsonNode body = Http.jsonBody(r.exchange());
      JsonNode d = body.get("description");
      JsonNode e = body.get("expiration_date");
      Instant expires = null;
      if (e != null && !e.isNull()) {
        try {
          String s = e.asText();
          expires =
              s.matches(".*T\\d\\d:\\d\\dZ$")
                  ? OffsetDateTime.parse(s.replace("Z", ":00Z")).toInstant()
                  : OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException x) {
          throw ApiError.badParameters("Invalid expiration_date: " + e.asText());
        }
      }
      Http.json(
          r.exchange(),
          200,
          state.createToken(
              who.username(), who.role(), d == null || d.isNull() ? null : d.asText(), expires));
      return;
    }
    if (r.size() == 2) {
      Map<String, Object> token =
          state.tokenItems().stream()
              .filter(t -> r.seg(1).equals(t.get("id")))
              .findFirst()
              .orElseThrow(() -> ApiError.notFound("Token", r.seg(1)));
      if (r.method().equals("GET")) {
        Http.json(r.exchange(), 200, token);
        return;
      }
      throw Http.methodNotAllowed();
    }
    throw Http.notFoundRoute();
  }

  void version(Http.Request r) throws IOException {
    Http.requireSingle(r.size());
    Http.requireMethod(r.method(), "GET");
    Http.json(
        r.exchange(),
        200,
        Json.obj(
            "version",
            state.managerVersion(),
            "edition",
            cfg.edition(),
            "build",
            null,
            "date",
            null,
            "commit",
            null,
            "distribution",
            "rhel",
            "distro_release",
            "Ootpa"));
  }

  void status(Http.Request r) throws IOException {
    Http.requireSingle(r.size());
    Http.requireMethod(r.method(), "GET");
    Http.json(
        r.exchange(),
        200,
        ClusterHealth.status(scenario.get(), Listing.isReservedTrue(r.query(), "summary")));
  }

  void clusterStatus(Http.Request r) throws IOException {
    Http.requireSingle(r.size());
    Http.requireMethod(r.method(), "GET");
    boolean summary = Listing.isReservedTrue(r.query(), "summary");
    Map<String, Object> body = ClusterHealth.clusterStatus(scenario.get(), summary);
    boolean fail = "Fail".equals(body.get("status"));
    Http.json(r.exchange(), fail && summary ? 500 : 200, body);
  }

  void ok(Http.Request r) throws IOException {
    Http.requireSingle(r.size());
    Http.requireMethod(r.method(), "GET");
    boolean ok = "OK".equals(ClusterHealth.status(scenario.get(), true).get("status"));
    Http.json(r.exchange(), ok ? 200 : 500, ok ? "OK" : "FAIL");
  }
}
