package io.cfychatops.sim;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entity types a Cloudify 7.x snapshot dumps, in the order the real dump writes them and the
 * restore restores them ({@code snapshot_create.py} {@code _dump_management} / {@code
 * _dump_tenant}, {@code snapshot_restore.py} {@code _new_restore_parse_and_restore}), with what the
 * simulator needs to serve, dump and restore each: its REST path, the field the restore
 * de-duplicates by, the noun of its {@code Error restoring …} message and its parent.
 *
 * <p>This is the simulator's own model of the manager. The archive reader ({@code
 * io.cfychatops.archive}) has an independent one on purpose: tests compare the two, which they
 * could not do if both read the same table.
 */
enum EntityType {
  TENANTS("tenants", true, "tenants", "name", "tenant", null),
  PERMISSIONS("permissions", true, "permissions", null, "permission", null),
  USER_GROUPS("user_groups", true, "user-groups", "name", "user group", null),
  USERS("users", true, "users", "username", "user", null),
  SITES("sites", false, "sites", "name", "site", null),
  PLUGINS("plugins", false, "plugins", "id", "plugin", null),
  SECRETS_PROVIDERS(
      "secrets_providers", false, "secrets-providers", "id", "secrets provider", null),
  SECRETS("secrets", false, "secrets", "key", "secret", null),
  BLUEPRINTS("blueprints", false, "blueprints", "id", "blueprint", null),
  DEPLOYMENTS("deployments", false, "deployments", "id", "deployment", "blueprint_id"),
  DEPLOYMENT_GROUPS(
      "deployment_groups", false, "deployment-groups", "id", "deployment group", null),
  NODES("nodes", false, "nodes", "id", null, "@source_id"),
  NODE_INSTANCES("node_instances", false, "node-instances", "id", null, "@source_id"),
  AGENTS("agents", false, "agents", "id", "agent", "@source_id"),
  INTER_DEPLOYMENT_DEPENDENCIES(
      "inter_deployment_dependencies",
      false,
      "deployments/inter-deployment-dependencies",
      "id",
      "inter-deployment dependency",
      null),
  EXECUTIONS("executions", false, "executions", "id", "execution", "deployment_id"),
  EXECUTION_GROUPS("execution_groups", false, "execution-groups", "id", "execution group", null),
  EVENTS("events", false, "events", null, null, "@source_id"),
  DEPLOYMENT_UPDATES(
      "deployment_updates", false, "deployment-updates", "id", "deployment update", null),
  PLUGINS_UPDATE("plugins_update", false, "plugins-updates", "id", "plugins update", null),
  DEPLOYMENTS_FILTERS("deployments_filters", false, "filters/deployments", "id", "filter", null),
  BLUEPRINTS_FILTERS("blueprints_filters", false, "filters/blueprints", "id", "filter", null),
  TASKS_GRAPHS("tasks_graphs", false, "tasks_graphs", "id", "tasks graph", "@source_id"),
  EXECUTION_SCHEDULES(
      "execution_schedules",
      false,
      "execution-schedules",
      "id",
      "execution schedule",
      "deployment_id");

  /** Fields never served by the list endpoints (the dump has them, REST hides them). */
  static final Map<EntityType, List<String>> HIDDEN =
      Map.of(
          TENANTS,
          List.of("rabbitmq_password"),
          USERS,
          List.of("password_hash"),
          SECRETS,
          List.of("value"),
          AGENTS,
          List.of("rabbitmq_password"));

  final String dumpName;
  final boolean management;
  final String path;
  private final String keyField;
  private final String errorNoun;
  private final String parentField;

  EntityType(
      String dumpName,
      boolean management,
      String path,
      String keyField,
      String errorNoun,
      String parentField) {
    this.dumpName = dumpName;
    this.management = management;
    this.path = path;
    this.keyField = keyField;
    this.errorNoun = errorNoun;
    this.parentField = parentField;
  }

  /** The type named {@code name} in a dump file's {@code type}, if the restore knows it. */
  static Optional<EntityType> ofDumpName(String name) {
    return Arrays.stream(values()).filter(t -> t.dumpName.equals(name)).findFirst();
  }

  /** The type served under {@code path} (e.g. {@code node-instances}), if any. */
  static Optional<EntityType> ofPath(String path) {
    return Arrays.stream(values()).filter(t -> t.path.equals(path)).findFirst();
  }

  /**
   * The restore's de-duplication key of an item ({@code _new_restore_update_entities}): name,
   * {@code role:permission}, {@code key}, {@code username}, {@code timestamp:message} or {@code
   * id}. A missing key field is the restore's {@code KeyError}: {@link IllegalArgumentException}.
   */
  String dedupeKey(Map<String, Object> item) {
    if (this == PERMISSIONS) {
      return require(item, "role") + ":" + require(item, "permission");
    }
    if (this == EVENTS) {
      return require(item, "timestamp") + ":" + require(item, "message");
    }
    return String.valueOf(require(item, keyField));
  }

  private static Object require(Map<String, Object> item, String field) {
    if (!item.containsKey(field)) {
      throw new IllegalArgumentException("KeyError: '" + field + "'");
    }
    return item.get(field);
  }

  /**
   * The id of an entity of this type as the manager stores it: unique per tenant. Node ids are
   * names, unique only within a deployment, so they carry their deployment.
   */
  String storageKey(Entity e) {
    if (this == NODES) {
      return e.sourceId() + "/" + e.fields().get("id");
    }
    return dedupeKey(e.fields());
  }

  /** The id named in this type's restore error, or {@code null} for bulk types (nodes, …). */
  String errorId(Map<String, Object> item) {
    if (this == PERMISSIONS) {
      return String.valueOf(item);
    }
    return switch (this) {
      case NODES, NODE_INSTANCES, EVENTS -> null;
      default -> String.valueOf(item.get(keyField));
    };
  }

  /**
   * The message of the restore's per-entity error, exactly as {@code cloudify_rest_client} logs it
   * (research notes A.4): {@code Error restoring blueprint bp1: 409: …}, {@code Error restoring
   * nodes: …}, {@code Error restoring events of executions <id>: …}.
   */
  String errorMessage(Map<String, Object> item, String source, String sourceId, String exc) {
    return switch (this) {
      case NODES -> "Error restoring nodes: " + exc;
      case NODE_INSTANCES -> "Error restoring node instances: " + exc;
      case EVENTS -> "Error restoring events of " + source + " " + sourceId + ": " + exc;
      default -> "Error restoring " + errorNoun + " " + errorId(item) + ": " + exc;
    };
  }

  /**
   * The parent an entity of this type needs at restore: {@code (type, id)} or {@code null}. A
   * missing parent makes the create fail with 404, which is how errors cascade from a blueprint to
   * its deployments, their nodes and so on.
   */
  Parent parent(Entity e) {
    if (parentField == null) {
      return null;
    }
    if (parentField.equals("@source_id")) {
      if (e.sourceId() == null) {
        return null;
      }
      EntityType type =
          this == EVENTS
              ? ("execution_groups".equals(e.source()) ? EXECUTION_GROUPS : EXECUTIONS)
              : this == TASKS_GRAPHS ? EXECUTIONS : DEPLOYMENTS;
      return new Parent(type, e.sourceId());
    }
    Object id = e.fields().get(parentField);
    if (id == null) {
      return null;
    }
    return new Parent(this == DEPLOYMENTS ? BLUEPRINTS : DEPLOYMENTS, String.valueOf(id));
  }

  /** The model name in a 404 ({@code Requested `Blueprint` with ID `x` was not found}). */
  String modelName() {
    return switch (this) {
      case BLUEPRINTS -> "Blueprint";
      case DEPLOYMENTS -> "Deployment";
      case EXECUTIONS -> "Execution";
      case EXECUTION_GROUPS -> "ExecutionGroup";
      default -> name();
    };
  }

  /** The timestamp field the dump's {@code latest_timestamp} is taken from. */
  String timestampField() {
    return this == EVENTS ? "timestamp" : this == PLUGINS ? "uploaded_at" : "created_at";
  }

  record Parent(EntityType type, String id) {}
}
