package io.cfychatops.archive;

import java.util.Arrays;
import java.util.Optional;

/**
 * The entity types of a 7.x dump, in the restore's order ({@code snapshot_restore.py}), with the
 * field the restore de-duplicates each by ({@code _new_restore_update_entities}: {@code name} for
 * sites, tenants and user groups; {@code role:permission}; {@code timestamp:hash(message)} for
 * events; {@code key} for secrets; {@code username} for users; {@code id} for everything else).
 */
public enum EntityKind {
  TENANTS("tenants", true, Key.NAME),
  PERMISSIONS("permissions", true, Key.ROLE_PERMISSION),
  USER_GROUPS("user_groups", true, Key.NAME),
  USERS("users", true, Key.USERNAME),
  SITES("sites", false, Key.NAME),
  PLUGINS("plugins", false, Key.ID),
  SECRETS_PROVIDERS("secrets_providers", false, Key.ID),
  SECRETS("secrets", false, Key.KEY),
  BLUEPRINTS("blueprints", false, Key.ID),
  DEPLOYMENTS("deployments", false, Key.ID),
  DEPLOYMENT_GROUPS("deployment_groups", false, Key.ID),
  NODES("nodes", false, Key.ID),
  NODE_INSTANCES("node_instances", false, Key.ID),
  AGENTS("agents", false, Key.ID),
  INTER_DEPLOYMENT_DEPENDENCIES("inter_deployment_dependencies", false, Key.ID),
  EXECUTIONS("executions", false, Key.ID),
  EXECUTION_GROUPS("execution_groups", false, Key.ID),
  EVENTS("events", false, Key.TIMESTAMP_MESSAGE),
  DEPLOYMENT_UPDATES("deployment_updates", false, Key.ID),
  PLUGINS_UPDATE("plugins_update", false, Key.ID),
  DEPLOYMENTS_FILTERS("deployments_filters", false, Key.ID),
  BLUEPRINTS_FILTERS("blueprints_filters", false, Key.ID),
  TASKS_GRAPHS("tasks_graphs", false, Key.ID),
  EXECUTION_SCHEDULES("execution_schedules", false, Key.ID);

  /** How an item's unique id is formed. */
  enum Key {
    NAME("name"),
    ROLE_PERMISSION("role", "permission"),
    TIMESTAMP_MESSAGE("timestamp", "message"),
    KEY("key"),
    USERNAME("username"),
    ID("id");

    final String[] fields;

    Key(String... fields) {
      this.fields = fields;
    }
  }

  private final String dumpName;
  private final boolean management;
  final Key key;

  EntityKind(String dumpName, boolean management, Key key) {
    this.dumpName = dumpName;
    this.management = management;
    this.key = key;
  }

  /** The {@code type} of its dump files, e.g. {@code node_instances}. */
  public String dumpName() {
    return dumpName;
  }

  /** Dumped under {@code mgmt/} (tenants, permissions, user groups, users), else per tenant. */
  public boolean management() {
    return management;
  }

  /** The kind a dump file's {@code type} names, if the restore knows it. */
  public static Optional<EntityKind> ofDumpName(String name) {
    return Arrays.stream(values()).filter(k -> k.dumpName.equals(name)).findFirst();
  }

  /**
   * Whether a restore brings back what the archive holds as such: executions and events are
   * informational (the restore adds its own, and REST hides system workflows by default).
   */
  public boolean comparable() {
    return this != EXECUTIONS && this != EVENTS;
  }
}
