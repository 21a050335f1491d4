package io.cfychatops.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /executions} (§4) and {@code /events}, the latter shaped as the 7.x server marshals events
 * and logs ({@code resources_v1/events.py _map_event_to_dict}): {@code message: {text}}, {@code
 * context: {deployment_id, execution_id, workflow_id, operation, node_id, node_name}}, {@code
 * @timestamp}; {@code level}/{@code logger} on logs only, {@code event_type} on events only.
 */
final class ExecutionRoutes {
  /** The filters {@code /events} accepts ({@code Events.ALLOWED_FILTERS}, plus {@code type}). */
  static final List<String> EVENT_FILTERS =
      List.of(
          "blueprint_id",
          "deployment_id",
          "event_type",
          "execution_group_id",
          "execution_id",
          "level",
          "message",
          "node_id",
          "node_instance_id",
          "operation");

  /** {@code DEFAULT_SEARCH_SIZE}. */
  static final int EVENTS_PAGE = 10_000;

  private final SimState state;
  private final String defaultTenant;

  ExecutionRoutes(SimState state, String defaultTenant) {
    this.state = state;
    this.defaultTenant = defaultTenant;
  }

  void executions(Http.Request r) throws IOException {
    int n = r.size();
    if (n == 1 && r.method().equals("POST")) {
      start(r);
    } else if (n == 1) {
      Http.requireMethod(r.method(), "GET");
      boolean system =
          Listing.isReservedTrue(r.query(), "_include_system_workflows")
              || r.query().containsKey("is_system_workflow");
      String tenant =
          Listing.isReservedTrue(r.query(), "_all_tenants") ? null : r.tenant(defaultTenant);
      Map<String, List<String>> query = new LinkedHashMap<>(r.query());
      query.remove("_all_tenants");
      Http.json(
          r.exchange(),
          200,
          Listing.envelope(
              state.executionItems(r.now(), system, tenant), Executions.FIELDS, query));
    } else if (n == 2) {
      if (r.method().equals("GET")) {
        List<String> include = Listing.includeFields(r.query(), Executions.FIELDS);
        Http.json(r.exchange(), 200, Listing.project(state.execution(r.seg(1), r.now()), include));
      } else {
        Http.requireMethod(r.method(), "POST");
        JsonNode body = Http.jsonBody(r.exchange());
        JsonNode action = body.get("action");
        if (action == null) {
          throw ApiError.badParameters("Missing action in json request body");
        }
        Http.json(r.exchange(), 200, state.cancel(r.seg(1), action.asText(), r.now()));
      }
    } else {
      throw Http.notFoundRoute();
    }
  }

  /**
   * {@code POST /executions} {@code {deployment_id, workflow_id}}: starts a workflow on a
   * deployment of the request's tenant (404 when it has no such deployment); it runs for the
   * configured run duration.
   */
  private void start(Http.Request r) throws IOException {
    JsonNode body = Http.jsonBody(r.exchange());
    JsonNode dep = body.get("deployment_id");
    JsonNode wf = body.get("workflow_id");
    if (dep == null || !dep.isTextual() || wf == null || !wf.isTextual()) {
      throw ApiError.badParameters("Missing deployment_id or workflow_id in json request body");
    }
    if (state.content.get(r.tenant(defaultTenant), EntityType.DEPLOYMENTS, dep.asText()) == null) {
      throw ApiError.notFound("Deployment", dep.asText());
    }
    Http.json(
        r.exchange(),
        201,
        state.startWorkflow(wf.asText(), dep.asText(), state.cfg.runDuration(), null, r.now()));
  }

  void events(Http.Request r) throws IOException {
    Http.requireSingle(r.size());
    Http.requireMethod(r.method(), "GET");
    Map<String, List<String>> q = r.query();
    List<String> types = q.getOrDefault("type", List.of("cloudify_event", "cloudify_log"));
    for (String key : q.keySet()) {
      if (!key.startsWith("_") && !key.equals("type") && !EVENT_FILTERS.contains(key)) {
        throw ApiError.badParameters(
            "Unknown field to filter by: "
                + key
                + ". Allowed values: "
                + String.join(", ", EVENT_FILTERS));
      }
    }
    List<Map<String, Object>> selected = new ArrayList<>();
    for (Entity e : state.content.list(r.tenant(defaultTenant), EntityType.EVENTS)) {
      Map<String, Object> view = view(e);
      if (!types.contains(e.text("type")) || !matches(e, view, q)) {
        continue;
      }
      selected.add(view);
    }
    boolean desc = q.getOrDefault("_sort", List.of()).stream().anyMatch(s -> s.startsWith("-"));
    Comparator<Map<String, Object>> byTime =
        Comparator.comparing(m -> String.valueOf(m.get("timestamp")));
    selected.sort(desc ? byTime.reversed() : byTime);
    int size = number(q, "_size", EVENTS_PAGE);
    int offset = number(q, "_offset", 0);
    int total = selected.size();
    List<Map<String, Object>> page =
        selected.subList(Math.min(offset, total), (int) Math.min((long) offset + size, total));
    List<String> include =
        q.containsKey("_include") ? List.of(String.join(",", q.get("_include")).split(",")) : null;
    List<Object> items = page.stream().map(m -> (Object) project(m, include)).toList();
    Http.json(
        r.exchange(),
        200,
        Json.obj(
            "items",
            items,
            "metadata",
            Json.obj(
                "pagination",
                Json.obj("size", size, "offset", offset, "total", total),
                "filtered",
                null)));
  }

  private static boolean matches(Entity e, Map<String, Object> view, Map<String, List<String>> q) {
    for (Map.Entry<String, List<String>> f : q.entrySet()) {
      String key = f.getKey();
      if (key.startsWith("_") || key.equals("type")) {
        continue;
      }
      if (key.equals("message")) {
        String text = String.valueOf(e.fields().get("message")).toLowerCase(Locale.ROOT);
        for (String like : f.getValue()) {
          String needle = like.toLowerCase(Locale.ROOT).replace("%", "");
          if (!text.contains(needle)) {
            return false;
          }
        }
        continue;
      }
      Object value =
          key.equals("execution_id")
              ? e.sourceId()
              : key.equals("execution_group_id")
                  ? view.get("execution_group_id")
                  : key.equals("node_id")
                      ? e.fields().get("node_instance_id")
                      : e.fields().get(key);
      if (!f.getValue().contains(String.valueOf(value))) {
        return false;
      }
    }
    return true;
  }

  /** An event or log as {@code GET /events} returns it. */
  static Map<String, Object> view(Entity e) {
    Map<String, Object> f = e.fields();
    boolean log = "cloudify_log".equals(f.get("type"));
    boolean group = "execution_groups".equals(e.source());
    Map<String, Object> m =
        Json.obj(
            "_storage_id",
            null,
            "timestamp",
            f.get("timestamp"),
            "blueprint_id",
            f.get("blueprint_id"),
            "deployment_display_name",
            f.get("deployment_display_name"),
            "execution_group_id",
            group ? e.sourceId() : null,
            "message",
            log
                ? Json.obj("text", f.get("message"))
                : Json.obj("text", f.get("message"), "arguments", null),
            "message_code",
            null,
            "error_causes",
            f.get("error_causes"),
            "source_id",
            f.get("source_id"),
            "target_id",
            f.get("target_id"),
            "manager_name",
            f.get("manager_name"),
            "agent_name",
            f.get("agent_name"),
            "type",
            f.get("type"));
    if (log) {
      m.put("logger", f.get("logger"));
      m.put("level", f.get("level"));
    } else {
      m.put("event_type", f.get("event_type"));
    }
    m.put("@timestamp", f.get("timestamp"));
    m.put(
        "context",
        Json.obj(
            "deployment_id",
            f.get("deployment_id"),
            "execution_id",
            group ? null : e.sourceId(),
            "workflow_id",
            f.get("workflow_id"),
            "operation",
            f.get("operation"),
            "node_id",
            f.get("node_instance_id"),
            "node_name",
            null));
    return m;
  }

  private static Map<String, Object> project(Map<String, Object> m, List<String> include) {
    if (include == null) {
      return m;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach(
        (k, v) -> {
          if (include.contains(k)) {
            out.put(k, v);
          }
        });
    return out;
  }

  private static int number(Map<String, List<String>> q, String key, int dflt) {
    String v = Listing.first(q, key);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw ApiError.validation(
        "Invalid pagination parameter " + key + "=" + v + ": must be a non-negative integer");
  }
}
