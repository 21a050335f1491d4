package io.cfychatops.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the simulated manager holds besides snapshots and executions: tenants, users, user groups,
 * permissions and, per tenant, sites, plugins, secrets, blueprints, deployments, nodes, node
 * instances, agents, events, execution schedules, … (executions live in {@link Executions}, which
 * runs them). Thread-safe: every method is {@code synchronized}; callers get copies.
 *
 * <p>Storage keys follow the manager's database: unique per tenant and type ({@link
 * EntityType#storageKey}); events have no id and are kept in arrival order under a counter.
 */
final class Content {
  /** The management scope's key in {@link #scopes}. */
  static final String MGMT = "";

  private final Map<String, EnumMap<EntityType, LinkedHashMap<String, Entity>>> scopes =
      new TreeMap<>();
  private long eventCounter;

  /** An immutable copy of everything, per scope ({@link #MGMT} or a tenant) and type. */
  record Frozen(Map<String, Map<EntityType, List<Entity>>> scopes) {
    List<Entity> list(String scope, EntityType type) {
      return scopes.getOrDefault(scope, Map.of()).getOrDefault(type, List.of());
    }

    /** Tenants in name order (the tenants with a scope, which every tenant entity has). */
    List<String> tenants() {
      return scopes.keySet().stream().filter(s -> !s.equals(MGMT)).sorted().toList();
    }
  }

  /** A fresh manager: {@code default_tenant}, the bootstrap admin and the built-in permissions. */
  synchronized void resetToFresh(List<Entity> baseline) {
    scopes.clear();
    baseline.forEach(this::putUnchecked);
  }

  /** Adds {@code e}; false (nothing changed) when an entity with its storage key exists. */
  synchronized boolean add(Entity e) {
    Map<String, Entity> table = table(scopeOf(e), e.type());
    String key = key(e);
    if (table.containsKey(key)) {
      return false;
    }
    table.put(key, e);
    if (e.type() == EntityType.TENANTS) {
      scopes.computeIfAbsent(
          String.valueOf(e.fields().get("name")), t -> new EnumMap<>(EntityType.class));
    }
    return true;
  }

  /** Adds or replaces. */
  synchronized void put(Entity e) {
    putUnchecked(e);
  }

  private void putUnchecked(Entity e) {
    table(scopeOf(e), e.type()).put(key(e), e);
    if (e.type() == EntityType.TENANTS) {
      scopes.computeIfAbsent(
          String.valueOf(e.fields().get("name")), t -> new EnumMap<>(EntityType.class));
    }
  }

  synchronized boolean contains(String tenant, EntityType type, String storageKey) {
    return view(tenant == null ? MGMT : tenant, type).containsKey(storageKey);
  }

  synchronized Entity get(String tenant, EntityType type, String storageKey) {
    return view(tenant == null ? MGMT : tenant, type).get(storageKey);
  }

  /** Whether {@code name} is a tenant of this manager. */
  synchronized boolean hasTenant(String name) {
    return view(MGMT, EntityType.TENANTS).containsKey(name);
  }

  synchronized List<String> tenantNames() {
    return new ArrayList<>(view(MGMT, EntityType.TENANTS).keySet());
  }

  /** Entities of {@code type}: of one tenant, or of every tenant when {@code tenant} is null. */
  synchronized List<Entity> list(String tenant, EntityType type) {
    if (type.management) {
      return new ArrayList<>(view(MGMT, type).values());
    }
    if (tenant != null) {
      return new ArrayList<>(view(tenant, type).values());
    }
    List<Entity> all = new ArrayList<>();
    scopes.forEach(
        (scope, types) -> {
          if (!scope.equals(MGMT)) {
            all.addAll(types.getOrDefault(type, new LinkedHashMap<>()).values());
          }
        });
    return all;
  }

  synchronized long count(String tenant, EntityType type) {
    return view(tenant == null ? MGMT : tenant, type).size();
  }

  synchronized Frozen freeze() {
    Map<String, Map<EntityType, List<Entity>>> copy = new TreeMap<>();
    scopes.forEach(
        (scope, types) -> {
          Map<EntityType, List<Entity>> t = new EnumMap<>(EntityType.class);
          types.forEach((type, table) -> t.put(type, List.copyOf(table.values())));
          copy.put(scope, t);
        });
    return new Frozen(copy);
  }

  /** Counts per scope ({@code ""} = management) and dump type name; zero counts left out. */
  synchronized Map<String, Map<String, Long>> counts() {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    scopes.forEach(
        (scope, types) ->
            types.forEach(
                (type, table) -> {
                  if (!table.isEmpty()) {
                    out.computeIfAbsent(scope, s -> new TreeMap<>())
                        .put(type.dumpName, (long) table.size());
                  }
                }));
    return out;
  }

  private String key(Entity e) {
    return e.type() == EntityType.EVENTS ? "event-" + (++eventCounter) : e.storageKey();
  }

  private static String scopeOf(Entity e) {
    return e.tenant() == null ? MGMT : e.tenant();
  }

  private Map<String, Entity> view(String scope, EntityType type) {
    EnumMap<EntityType, LinkedHashMap<String, Entity>> types = scopes.get(scope);
    Map<String, Entity> t = types == null ? null : types.get(type);
    return t == null ? Map.of() : t;
  }

  private LinkedHashMap<String, Entity> table(String scope, EntityType type) {
    return scopes
        .computeIfAbsent(scope, s -> new EnumMap<>(EntityType.class))
        .computeIfAbsent(type, t -> new LinkedHashMap<>());
  }
}
