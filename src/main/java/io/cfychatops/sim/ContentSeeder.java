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
  private static final String[] NODES = {"vm", "app", "db"};

  /**
   * What a seed produces: the entities and the historic executions (which {@link Executions} runs).
   */
  record Seed(List<Entity> entities, List<Entity> executions) {}

  private final SplittableRandom rnd;
  private final Instant base;
  private final String admin;
  private final List<Entity> entities = new ArrayList<>();
  private final List<Entity> executions = new ArrayList<>();
  private long eventTick;

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
      String dep = "dep-" + i;
      String bp = "bp-" + (1 + (i - 1) % b);
      add(
          t,
          EntityType.DEPLOYMENTS,
          "id",
          dep,
          "blueprint_id",
          bp,
          "inputs",
          Map.of("region", "r" + (i % 4), "size", i % 3),
          "visibility",
          "tenant",
          "labels",
          List.of(),
          "display_name",
          dep,
          "runtime_only_evaluation",
          false,
          "created_by",
          admin,
          "created_at",
          ts(100 + i),
          "workflows",
          List.of(Map.of("name", "install")),
          "groups",
          Map.of(),
          "policy_triggers",
          Map.of(),
          "policy_types",
          Map.of(),
          "outputs",
          Map.of(),
          "capabilities",
          Map.of(),
          "description",
          null,
          "scaling_groups",
          Map.of(),
          "resource_tags",
          null,
          "deployment_status",
          "good",
          "installation_status",
          "active",
          "sub_services_status",
          null,
          "sub_environments_status",
          null,
          "sub_services_count",
          0,
          "sub_environments_count",
          0);
      for (String node : NODES) {
        addIn(
            t,
            dep,
            EntityType.NODES,
            "id",
            node,
            "host_id",
            "vm",
            "plugins",
            List.of(),
            "plugins_to_install",
            null,
            "properties",
            Map.of("port", 8000 + i % 100),
            "max_number_of_instances",
            -1,
            "min_number_of_instances",
            0,
            "planned_number_of_instances",
            node.equals("app") ? 2 : 1,
            "deploy_number_of_instances",
            node.equals("app") ? 2 : 1,
            "relationships",
            List.of(),
            "operations",
            Map.of(),
            "type",
            "cloudify.nodes.Root",
            "type_hierarchy",
            List.of("cloudify.nodes.Root"),
            "visibility",
            "tenant",
            "created_by",
            admin,
            "number_of_instances",
            node.equals("app") ? 2 : 1);
        for (int k = 0; k < (node.equals("app") ? 2 : 1); k++) {
          String ni = node + "_" + hex(6);
          Map<String, Object> runtime =
              node.equals("vm")
                  ? Map.of(
                      "ip",
                      "10.1." + (i % 250) + "." + (k + 10),
                      "cloudify_agent",
                      Map.of("install_method", "plugin", "name", ni))
                  : Map.of("pid", 1000 + i);
          addIn(
              t,
              dep,
              EntityType.NODE_INSTANCES,
              "id",
              ni,
              "runtime_properties",
              runtime,
              "state",
              "started",
              "relationships",
              List.of(),
              "system_properties",
              Map.of(),
              "scaling_groups",
              List.of(),
              "host_id",
              node.equals("vm") ? ni : null,
              "index",
              k + 1,
              "visibility",
              "tenant",
              "node_id",
              node,
              "created_by",
              admin,
              "has_configuration_drift",
              false,
              "is_status_check_ok",
              true);
          if (node.equals("vm")) {
            addIn(
                t,
                dep,
                EntityType.AGENTS,
                "id",
                ni,
                "node_instance_id",
                ni,
                "state",
                "started",
                "created_at",
                ts(200 + i),
                "created_by",
                admin,
                "rabbitmq_password",
                "agent-" + hex(12),
                "rabbitmq_username",
                "agent_" + ni,
                "rabbitmq_exchange",
                ni,
                "version",
                CloudifySimulator.VERSION,
                "system",
                "centos core",
                "install_method",
                "plugin",
                "ip",
                "10.1." + (i % 250) + ".10",
                "visibility",
                "tenant");
          }
        }
      }
      String env = execution(t, "create_deployment_environment", dep, true, 300 + i);
      String install = execution(t, "install", dep, false, 310 + i);
      installs.add(install);
      events(t, env, dep, "create_deployment_environment", 1);
      events(t, install, dep, "install", 2);
    }
    for (int i = 1; i <= d / 20; i++) {
      List<String> deps = new ArrayList<>();
      for (int k = i; k <= d; k += 20) {
        deps.add("dep-" + k);
      }
      add(
          t,
          EntityType.DEPLOYMENT_GROUPS,
          "id",
          "group-" + i,
          "visibility",
          "tenant",
          "description",
          null,
          "labels",
          List.of(),
          "default_blueprint_id",
          "bp-1",
          "default_inputs",
          Map.of(),
          "deployment_ids",
          deps,
          "created_by",
          admin,
          "created_at",
          ts(400 + i),
          "creation_counter",
          deps.size());
    }
    for (int i = 1; i <= d / 10; i++) {
      add(
          t,
          EntityType.INTER_DEPLOYMENT_DEPENDENCIES,
          "id",
          uuid(),
          "dependency_creator",
          "component",
          "source_deployment_id",
          "dep-" + i,
          "target_deployment_id",
          "dep-" + (i + 1),
          "created_at",
          ts(500 + i),
          "created_by",
          admin,
          "visibility",
          "tenant");
    }
    for (int i = 1; i <= d / 25; i++) {
      add(
          t,
          EntityType.EXECUTION_GROUPS,
          "id",
          uuid(),
          "created_at",
          ts(600 + i),
          "workflow_id",
          "heal",
          "execution_ids",
          List.of(),
          "concurrency",
          5,
          "deployment_group_id",
          "group-1",
          "created_by",
          admin);
    }
    for (int i = 1; i <= d / 30; i++) {
      add(
          t,
          EntityType.DEPLOYMENT_UPDATES,
          "id",
          "dep-" + i + "-" + hex(4),
          "deployment_id",
          "dep-" + i,
          "state",
          "successful",
          "created_at",
          ts(700 + i),
          "created_by",
          admin,
          "visibility",
          "tenant");
    }
    if (d >= 10) {
      add(
          t,
          EntityType.DEPLOYMENTS_FILTERS,
          "id",
          "by-region",
          "value",
          List.of(Map.of("key", "region", "values", List.of("r1"), "operator", "any_of")),
          "visibility",
          "tenant",
          "created_at",
          ts(800),
          "created_by",
          admin);
    }
    for (int i = 0; i < installs.size() / 5; i++) {
      addIn(
          t,
          installs.get(i),
          EntityType.TASKS_GRAPHS,
          "id",
          uuid(),
          "name",
          "install",
          "created_at",
          ts(900 + i),
          "execution_id",
          installs.get(i),
          "operations",
          List.of());
    }
    for (int i = 1; i <= Math.max(1, d / 4); i++) {
      Map<String, Object> rule =
          switch (i % 4) {
            case 1 -> Json.obj("rrule", "RRULE:FREQ=DAILY;INTERVAL=1");
            case 2 -> Json.obj("recurrence", "6 hours", "count", null, "weekdays", null);
            case 3 -> Json.obj("recurrence", "1 week", "count", 10, "weekdays", null);
            default -> Json.obj("count", 1);
          };
      add(
          t,
          EntityType.EXECUTION_SCHEDULES,
          "id",
          "nightly-" + i,
          "rule",
          rule,
          "deployment_id",
          "dep-" + i,
          "workflow_id",
          i % 2 == 0 ? "heal" : "install",
          "created_at",
          ts(1000 + i),
          "since",
          ts(1000 + i),
          "until",
          i % 5 == 0 ? ts(2000 + i) : null,
          "stop_on_fail",
          false,
          "parameters",
          Map.of(),
          "execution_arguments",
          Map.of(),
          "slip",
          i % 3 * 30,
          "enabled",
          true,
          "created_by",
          admin);
    }
  }

  private String execution(String tenant, String workflow, String dep, boolean system, int tick) {
    String id = uuid();
    Instant created = base.plusSeconds(tick * 60L);
    executions.add(
        new Entity(
            EntityType.EXECUTIONS,
            tenant,
            null,
            null,
            Json.obj(
                "deployment_id",
                dep,
                "workflow_id",
                workflow,
                "parameters",
                Map.of(),
                "is_dry_run",
                false,
                "allow_custom_parameters",
                false,
                "status",
                "terminated",
                "created_by",
                admin,
                "created_at",
                Json.timestamp(created),
                "id",
                id,
                "started_at",
                Json.timestamp(created.plusSeconds(1)),
                "ended_at",
                Json.timestamp(created.plusSeconds(30)),
                "error",
                "",
                "is_system_workflow",
                system)));
    return id;
  }

  private void events(String tenant, String exec, String dep, String workflow, int n) {
    for (int i = 0; i < n + 1; i++) {
      boolean log = i % 2 == 1;
      String ts = Json.timestamp(base.plusMillis(++eventTick * 37));
      entities.add(
          new Entity(
              EntityType.EVENTS,
              tenant,
              "executions",
              exec,
              Json.obj(
                  "timestamp",
                  ts,
                  "reported_timestamp",
                  ts,
                  "workflow_id",
                  workflow,
                  "blueprint_id",
                  null,
                  "deployment_id",
                  dep,
                  "deployment_display_name",
                  dep,
                  "message",
                  log
                      ? "Running operation cloudify.interfaces.lifecycle.start on " + dep
                      : "'" + workflow + "' workflow execution succeeded",
                  "error_causes",
                  null,
                  "event_type",
                  log ? null : "workflow_succeeded",
                  "operation",
                  log ? "cloudify.interfaces.lifecycle.start" : null,
                  "source_id",
                  null,
                  "target_id",
                  null,
                  "node_instance_id",
                  null,
                  "type",
                  log ? "cloudify_log" : "cloudify_event",
                  "logger",
                  log ? "ctx." + exec : null,
                  "level",
                  log ? "info" : null,
                  "manager_name",
                  "manager-1",
                  "agent_name",
                  null)));
    }
  }

  private Map<String, Object> plan(int i) {
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

  private void add(String tenant, EntityType type, Object... kv) {
    entities.add(new Entity(type, tenant, null, null, Json.obj(kv)));
  }

  private void addIn(String tenant, String sourceId, EntityType type, Object... kv) {
    entities.add(new Entity(type, tenant, null, sourceId, Json.obj(kv)));
  }

  private String ts(int tick) {
    return Json.timestamp(base.plusSeconds(tick * 60L));
  }

  private String hex(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(Character.forDigit(rnd.nextInt(16), 16));
    }
    return sb.toString();
  }

  private String uuid() {
    return hex(8) + "-" + hex(4) + "-4" + hex(3) + "-a" + hex(3) + "-" + hex(12);
  }
}
