package io.cfychatops.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The list endpoints of the manager's contents ({@code /blueprints}, {@code /deployments}, {@code
 * /node-instances}, {@code /secrets}, {@code /tenants}, …), with the §1.3 conventions: {@code
 * _size} (0 included: only {@code metadata.pagination.total}), {@code _offset}, {@code _sort},
 * {@code _include}, field filters and {@code _all_tenants=true}; {@code GET /blueprints/<id>} and
 * {@code /deployments/<id>}; and {@code /summary/<type>?_target_field=tenant_name} (research notes
 * A.6), which counts per tenant in one call. Secret values, password hashes and broker passwords
 * are never served, as on the real manager.
 */
final class ContentRoutes {
  static final Set<String> SUMMARY_TYPES =
      Set.of(
          "blueprints",
          "deployments",
          "nodes",
          "node_instances",
          "executions",
          "execution_schedules");

  private final SimState state;
  private final String defaultTenant;

  ContentRoutes(SimState state, String defaultTenant) {
    this.state = state;
    this.defaultTenant = defaultTenant;
  }

  /** The content type {@code seg} names (one segment, or two for filters and dependencies). */
  static Optional<EntityType> typeOf(List<String> seg) {
    if (seg.size() >= 2) {
      Optional<EntityType> two = EntityType.ofPath(seg.get(0) + "/" + seg.get(1));
      if (two.isPresent()) {
        return two;
      }
    }
    return EntityType.ofPath(seg.get(0))
        .filter(t -> t != EntityType.EXECUTIONS && t != EntityType.EVENTS);
  }

  void serve(Http.Request r, EntityType type) throws IOException {
    Http.requireMethod(r.method(), "GET");
    int base = type.path.contains("/") ? 2 : 1;
    boolean all = Listing.isReservedTrue(r.query(), "_all_tenants");
    String tenant = all || type.management ? null : r.tenant(defaultTenant);
    if (r.size() == base) {
      List<Map<String, Object>> items = new ArrayList<>();
      for (Entity e : state.content.list(tenant, type)) {
        items.add(view(e));
      }
      Map<String, List<String>> query = new LinkedHashMap<>(r.query());
      query.remove("_all_tenants");
      Http.json(r.exchange(), 200, Listing.envelope(items, fields(type, items), query));
    } else if (r.size() == base + 1
        && (type == EntityType.BLUEPRINTS || type == EntityType.DEPLOYMENTS)) {
      Entity e = state.content.get(r.tenant(defaultTenant), type, r.seg(base));
      if (e == null) {
        throw ApiError.notFound(type.modelName(), r.seg(base));
      }
      Map<String, Object> v = view(e);
      Http.json(
          r.exchange(),
          200,
          Listing.project(v, Listing.includeFields(r.query(), new ArrayList<>(v.keySet()))));
    } else {
      throw Http.notFoundRoute();
    }
  }

  void summary(Http.Request r) throws IOException {
    Http.requireMethod(r.method(), "GET");
    if (r.size() != 2 || !SUMMARY_TYPES.contains(r.seg(1))) {
      throw Http.notFoundRoute();
    }
    String field = Listing.first(r.query(), "_target_field");
    if (!"tenant_name".equals(field)) {
      throw ApiError.validation(
          "Invalid summary field: " + field + ". Allowed values: tenant_name");
    }
    boolean all = Listing.isReservedTrue(r.query(), "_all_tenants");
    String only = all ? null : r.tenant(defaultTenant);
    Map<String, Long> counts = new TreeMap<>();
    if (r.seg(1).equals("executions")) {
      state
          .executionItems(r.now(), true, only)
          .forEach(x -> counts.merge(String.valueOf(x.get("tenant_name")), 1L, Long::sum));
    } else {
      EntityType type = EntityType.ofDumpName(r.seg(1)).orElseThrow();
      state.content.list(only, type).forEach(e -> counts.merge(e.tenant(), 1L, Long::sum));
    }
    List<Object> items = new ArrayList<>();
    counts.forEach((t, n) -> items.add(Json.obj("tenant_name", t, r.seg(1), n)));
    Http.json(
        r.exchange(),
        200,
        Json.obj(
            "items",
            items,
            "metadata",
            Json.obj(
                "pagination",
                Json.obj("total", items.size(), "size", Listing.DEFAULT_PAGE_SIZE, "offset", 0),
                "filtered",
                null)));
  }

  /**
   * An entity as its list endpoint serves it: dumped fields less secrets, plus tenant/deployment.
   */
  static Map<String, Object> view(Entity e) {
    Map<String, Object> m = new LinkedHashMap<>(e.fields());
    EntityType.HIDDEN.getOrDefault(e.type(), List.of()).forEach(m::remove);
    if (e.tenant() != null) {
      m.putIfAbsent("tenant_name", e.tenant());
    }
    if (e.sourceId() != null
        && (e.type() == EntityType.NODES
            || e.type() == EntityType.NODE_INSTANCES
            || e.type() == EntityType.AGENTS)) {
      m.putIfAbsent("deployment_id", e.sourceId());
    }
    return m;
  }

  /** The fields filters, sorts and projections may name: the type's columns as served. */
  private static List<String> fields(EntityType type, List<Map<String, Object>> items) {
    Set<String> f = new LinkedHashSet<>(List.of("id", "created_at", "created_by", "visibility"));
    switch (type) {
      case TENANTS, SITES, USER_GROUPS -> f.add("name");
      case USERS -> f.add("username");
      case PERMISSIONS -> f.addAll(List.of("role", "permission"));
      case SECRETS -> f.add("key");
      case NODES, NODE_INSTANCES, AGENTS, EXECUTION_SCHEDULES -> f.add("deployment_id");
      case DEPLOYMENTS -> f.add("blueprint_id");
      default -> {}
    }
    if (!type.management) {
      f.add("tenant_name");
    }
    for (Map<String, Object> item : items) {
      f.addAll(item.keySet());
    }
    return new ArrayList<>(f);
  }
}
