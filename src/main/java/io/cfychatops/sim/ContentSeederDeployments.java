package io.cfychatops.sim;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One seeded deployment of {@link ContentSeeder}: its nodes, instances, agents, executions. */
final class ContentSeederDeployments {
  private ContentSeederDeployments() {}

  /** Adds deployment {@code dep-i} of tenant {@code t}; returns its install execution's id. */
  static String deployment(ContentSeeder s, String t, int i, int b) {
    String dep = "dep-" + i;
    String bp = "bp-" + (1 + (i - 1) % b);
    s.add(
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
        s.admin,
        "created_at",
        s.ts(100 + i),
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
    for (String node : ContentSeeder.NODES) {
      s.addIn(
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
          s.admin,
          "number_of_instances",
          node.equals("app") ? 2 : 1);
      for (int k = 0; k < (node.equals("app") ? 2 : 1); k++) {
        String ni = node + "_" + s.hex(6);
        Map<String, Object> runtime =
            node.equals("vm")
                ? Map.of(
                    "ip",
                    "10.1." + (i % 250) + "." + (k + 10),
                    "cloudify_agent",
                    Map.of("install_method", "plugin", "name", ni))
                : Map.of("pid", 1000 + i);
        s.addIn(
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
            s.admin,
            "has_configuration_drift",
            false,
            "is_status_check_ok",
            true);
        if (node.equals("vm")) {
          s.addIn(
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
              s.ts(200 + i),
              "created_by",
              s.admin,
              "rabbitmq_password",
              "agent-" + s.hex(12),
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
    String env = execution(s, t, "create_deployment_environment", dep, true, 300 + i);
    String install = execution(s, t, "install", dep, false, 310 + i);
    events(s, t, env, dep, "create_deployment_environment", 1);
    events(s, t, install, dep, "install", 2);
    return install;
  }

  private static String execution(
      ContentSeeder s, String tenant, String workflow, String dep, boolean system, int tick) {
    String id = s.uuid();
    Instant created = s.base.plusSeconds(tick * 60L);
    s.executions.add(
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
                s.admin,
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

  private static void events(
      ContentSeeder s, String tenant, String exec, String dep, String workflow, int n) {
    for (int i = 0; i < n + 1; i++) {
      boolean log = i % 2 == 1;
      String ts = Json.timestamp(s.base.plusMillis(++s.eventTick * 37));
      s.entities.add(
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
}
