package io.cfychatops.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates a manager's contents, deterministically from a seed and a start instant: the same
 * arguments always give the same entities, in the same order.
 *
 * <p>The shape follows what a real 7.x dump holds (field lists from {@code cloudify_rest_client}
 * {@code dump()} {@code _include}s): nodes named {@code vm}, {@code app}, {@code db} in every
 * deployment (node ids repeat across deployments, as they do on a manager), node instances and
 * agents per deployment, an install execution per deployment with its events, execution schedules
 * with the three rule shapes the API accepts, secrets with values and users with password hashes
 * (which is why archives must never reach chat).
 */
final class ContentSeeder {
  static final List<String> TENANT_NAMES =
      List.of("default_tenant", "ops", "dev", "qa", "prod", "finance", "research", "edge");
  static final List<String> PERMISSIONS =
      List.of(
          "sys_admin:all_tenants",
          "sys_admin:snapshot_create",
          "sys_admin:snapshot_restore",
          "manager:deployment_create",
          "manager:blueprint_upload",
          "manager:execution_start",
          "user:deployment_create",
          "user:execution_start",
          "operations:execution_start",
          "viewer:deployment_list",
          "viewer:blueprint_list",
          "viewer:execution_list");
  static final String[] NODES = {"vm", "app", "db"};

  /**
   * What a seed produces: the entities and the historic executions (which {@link Executions} runs).
   */
  record Seed(List<Entity> entities, List<Entity> executions) {}

  final SplittableRandom rnd;
  final Instant base;
  final String admin;
  final List<Entity> entities = new ArrayList<>();
  final List<Entity> executions = new ArrayList<>();
  long eventTick;

  private ContentSeeder(long seed, Instant now, String admin) {
    this.rnd = new SplittableRandom(seed);
    this.base = now.minus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    this.admin = admin;
  }

  /** A fresh manager: {@code default_tenant}, the bootstrap admin and the built-in permissions. */
  static List<Entity> baseline(String admin, Instant now) {
    return new ContentSeeder(0, now, admin).fresh();
  }

  /** The fresh baseline plus {@code size} worth of content. */
  static Seed seed(ContentSize size, long seed, Instant now, String admin) {
    ContentSeeder s = new ContentSeeder(seed, now, admin);
    s.entities.addAll(s.fresh());
    if (size.entities() > 0) {
      s.populate(size);
    }
    return new Seed(List.copyOf(s.entities), List.copyOf(s.executions));
  }

  private List<Entity> fresh() {
    List<Entity> out = new ArrayList<>();
    out.add(
        mgmt(EntityType.TENANTS, "name", "default_tenant", "rabbitmq_password", "rmq-" + hex(16)));
    for (String p : PERMISSIONS) {
      int colon = p.indexOf(':');
      out.add(
          mgmt(
              EntityType.PERMISSIONS,
              "role",
              p.substring(0, colon),
              "permission",
              p.substring(colon + 1)));
    }
    out.add(user(admin, "sys_admin", Map.of("default_tenant", "user")));
    return out;
  }

  private void populate(ContentSize size) {
    int tenants = size.tenants();
    int d = size.deploymentsPerTenant();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < tenants; i++) {
      String name = i < TENANT_NAMES.size() ? TENANT_NAMES.get(i) : "tenant-" + (i + 1);
      names.add(name);
      if (i > 0) {
        entities.add(mgmt(EntityType.TENANTS, "name", name, "rabbitmq_password", "rmq-" + hex(16)));
      }
    }
    for (int g = 0; g < tenants; g++) {
      entities.add(
          mgmt(
              EntityType.USER_GROUPS,
              "name",
              "group-" + names.get(g),
              "ldap_dn",
              null,
              "tenants",
              Map.of(names.get(g), "user"),
              "role",
              "default"));
    }
    int users = Math.max(3, tenants * 2 + d / 50);
    for (int u = 1; u <= users; u++) {
      String tenant = names.get(u % tenants);
      entities.add(
          user(
              "user-" + u,
              u % 5 == 0 ? "sys_admin" : "default",
              Map.of(tenant, u % 3 == 0 ? "manager" : "user")));
    }
    for (String tenant : names) {
      populateTenant(tenant, d);
    }
  }

  private void populateTenant(String t, int d) {
    for (int i = 1; i <= 1 + d / 50; i++) {
      add(
          t,
          EntityType.SITES,
          "name",
          "site-" + i,
          "location",
          (40 + i) + ", " + (2 + i),
          "visibility",
          "tenant",
          "created_by",
          admin,
          "created_at",
          ts(i));
    }
    for (int i = 1; i <= Math.max(1, d / 8); i++) {
      add(
          t,
          EntityType.PLUGINS,
          "id",
          uuid(),
          "title",
          "plugin-" + i,
          "visibility",
          "tenant",
          "uploaded_at",
          ts(i),
          "created_by",
          admin);
    }
    for (int i = 1; i <= Math.max(2, d / 2); i++) {
      add(
          t,
          EntityType.SECRETS,
          "key",
          "secret-" + i,
          "value",
          "sv-" + hex(24),
          "visibility",
          "tenant",
          "is_hidden_value",
          i % 2 == 0,
          "encrypted",
          false,
          "tenant_name",
          t,
          "creator",
          admin,
          "created_at",
          ts(i),
          "provider",
          null,
          "provider_options",
          null);
    }
    int b = Math.max(1, d / 2);
    for (int i = 1; i <= b; i++) {
      add(
          t,
          EntityType.BLUEPRINTS,
          "id",
          "bp-" + i,
          "visibility",
          "tenant",
          "labels",
          List.of(),
          "created_at",
          ts(i),
          "created_by",
          admin,
          "state",
          "uploaded",
          "main_file_name",
          "blueprint.yaml",
          "plan",
          plan(i),
          "description",
          "blueprint " + i,
          "error",
          null,
          "error_traceback",
          null,
          "is_hidden",
          false,
          "requirements",
          Map.of());
    }
    List<String> installs = new ArrayList<>();
    for (int i = 1; i <= d; i++) {
      installs.add(ContentSeederDeployments.deployment(this, t, i, b));
    }
    ContentSeederExtras.extras(this, t, d, installs);
  }

  Map<String, Object> plan(int i) {
    Map<String, Object> nodes = new LinkedHashMap<>();
    for (String n : NODES) {
      nodes.put(
          n,
          Json.obj(
              "name",
              n,
              "type",
              "cloudify.nodes.Root",
              "properties",
              Json.obj(
                  "port", 8000 + i, "image", "img-" + hex(8), "flavor", "m" + (i % 4) + ".small"),
              "interfaces",
              Json.obj(
                  "cloudify.interfaces.lifecycle",
                  Json.obj(
                      "create",
                          Json.obj(
                              "implementation",
                              "scripts/create-" + n + ".sh",
                              "executor",
                              "central_deployment_agent"),
                      "start", Json.obj("implementation", "scripts/start-" + n + ".sh")))));
    }
    return Json.obj(
        "description",
        "generated plan " + i,
        "nodes",
        nodes,
        "inputs",
        Json.obj("region", Json.obj("default", "r1"), "size", Json.obj("default", 1)),
        "outputs",
        Json.obj(),
        "workflows",
        Json.obj(
            "install",
            Json.obj(
                "plugin", "default_workflows", "operation", "cloudify.plugins.workflows.install")));
  }

  private Entity user(String username, String role, Map<String, String> tenantRoles) {
    return mgmt(
        EntityType.USERS,
        "username",
        username,
        "role",
        role,
        "tenant_roles",
        Json.obj("direct", tenantRoles, "groups", Map.of()),
        "first_login_at",
        null,
        "last_login_at",
        null,
        "created_at",
        ts(0),
        "password_hash",
        "$pbkdf2-sha256$29000$" + hex(22) + "$" + hex(43));
  }

  private Entity mgmt(EntityType type, Object... kv) {
    return new Entity(type, null, null, null, Json.obj(kv));
  }

  void add(String tenant, EntityType type, Object... kv) {
    entities.add(new Entity(type, tenant, null, null, Json.obj(kv)));
  }

  void addIn(String tenant, String sourceId, EntityType type, Object... kv) {
    entities.add(new Entity(type, tenant, null, sourceId, Json.obj(kv)));
  }

  String ts(int tick) {
    return Json.timestamp(base.plusSeconds(tick * 60L));
  }

  String hex(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(Character.forDigit(rnd.nextInt(16), 16));
    }
    return sb.toString();
  }

  String uuid() {
    return hex(8) + "-" + hex(4) + "-4" + hex(3) + "-a" + hex(3) + "-" + hex(12);
  }
}
