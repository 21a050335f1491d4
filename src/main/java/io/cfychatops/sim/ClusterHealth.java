package io.cfychatops.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The 7.x {@code /status} and {@code /cluster-status} bodies for each {@link ClusterScenario}. */
final class ClusterHealth {
  static final List<String> STATUS_SERVICES =
      List.of(
          "Webserver",
          "Management Worker",
          "Manager Rest-Service",
          "Cloudify API",
          "Cloudify Execution Scheduler",
          "PostgreSQL",
          "RabbitMQ",
          "Cloudify Console",
          "AMQP-Postgres",
          "Cloudify Composer",
          "File Sync Service",
          "Monitoring Service",
          "Haproxy for DB HA",
          "Patroni HA Postgres");

  private ClusterHealth() {}

  /** {@code /status}: {@code Fail} when the database is unreachable from this node. */
  static Map<String, Object> status(ClusterScenario scenario, boolean summary) {
    boolean dbDown =
        scenario == ClusterScenario.ACTIVE_NODE_DOWN
            || scenario == ClusterScenario.WHOLE_CLUSTER_DOWN;
    Map<String, Object> services = new LinkedHashMap<>();
    for (String name : STATUS_SERVICES) {
      boolean down = dbDown && (name.equals("PostgreSQL") || name.equals("Patroni HA Postgres"));
      boolean remote =
          name.equals("PostgreSQL")
              || name.equals("RabbitMQ")
              || name.equals("Patroni HA Postgres");
      services.put(
          name,
          Json.obj(
              "status",
              down ? "Inactive" : "Active",
              "is_remote",
              remote,
              "extra_info",
              Json.obj(
                  "systemd",
                  Json.obj(
                      "instances",
                      List.of(Json.obj("Id", unit(name), "state", down ? "failed" : "running"))))));
    }
    return Json.obj("status", dbDown ? "Fail" : "OK", "services", summary ? Json.obj() : services);
  }

  /** {@code /cluster-status}: manager, db and broker services, three nodes each. */
  static Map<String, Object> clusterStatus(ClusterScenario scenario, boolean summary) {
    boolean all = scenario == ClusterScenario.WHOLE_CLUSTER_DOWN;
    int n = scenario == ClusterScenario.SINGLE_NODE ? 1 : 3;
    Map<String, Object> managers = new LinkedHashMap<>();
    for (int i = 1; i <= n; i++) {
      boolean down = all || (scenario == ClusterScenario.ONE_NODE_DOWN && i == 3);
      managers.put(
          "manager-" + i,
          node(
              down,
              "10.0.0." + (10 + i),
              Json.obj(
                  "Manager Rest-Service", service(down, Json.obj()),
                  "Management Worker", service(down, Json.obj()),
                  "Webserver", service(down, Json.obj()))));
    }
    Map<String, Object> dbs = new LinkedHashMap<>();
    for (int i = 1; i <= n; i++) {
      boolean down = all || (scenario == ClusterScenario.ACTIVE_NODE_DOWN && i == 1);
      String role =
          i == 1 || (scenario == ClusterScenario.SPLIT_BRAIN && i == 2) ? "leader" : "replica";
      if (scenario == ClusterScenario.ACTIVE_NODE_DOWN && i == 1) {
        role = "unknown";
      }
      dbs.put(
          "db-" + i,
          node(
              down,
              "10.0.1." + (10 + i),
              Json.obj(
                  "PostgreSQL", service(down, Json.obj()),
                  "Patroni",
                      service(
                          down,
                          Json.obj(
                              "patroni_status",
                              Json.obj(
                                  "role",
                                  role,
                                  "state",
                                  down ? "stopped" : "running",
                                  "timeline",
                                  3,
                                  "leader",
                                  role.equals("leader")
                                      ? "db-" + i
                                      : scenario == ClusterScenario.ACTIVE_NODE_DOWN
                                          ? null
                                          : "db-1"))))));
    }
    Map<String, Object> brokers = new LinkedHashMap<>();
    for (int i = 1; i <= n; i++) {
      brokers.put(
          "broker-" + i,
          node(
              all,
              "10.0.2." + (10 + i),
              Json.obj(
                  "RabbitMQ",
                  service(
                      all, Json.obj("cluster_status", Json.obj("running_nodes", all ? 0 : n))))));
    }
    String manager = all ? "Fail" : scenario == ClusterScenario.ONE_NODE_DOWN ? "Degraded" : "OK";
    String db =
        switch (scenario) {
          case SINGLE_NODE, HEALTHY, ONE_NODE_DOWN -> "OK";
          case ACTIVE_NODE_DOWN, WHOLE_CLUSTER_DOWN, SPLIT_BRAIN -> "Fail";
        };
    String broker = all ? "Fail" : "OK";
    String overall =
        List.of(manager, db, broker).contains("Fail")
            ? "Fail"
            : List.of(manager, db, broker).contains("Degraded") ? "Degraded" : "OK";
    if (summary) {
      return Json.obj("status", overall, "services", Json.obj());
    }
    return Json.obj(
        "status",
        overall,
        "services",
        Json.obj(
            "manager", Json.obj("status", manager, "is_external", false, "nodes", managers),
            "db", Json.obj("status", db, "is_external", false, "nodes", dbs),
            "broker", Json.obj("status", broker, "is_external", false, "nodes", brokers)));
  }

  private static Map<String, Object> node(boolean down, String ip, Map<String, Object> services) {
    return Json.obj(
        "status",
        down ? "Fail" : "OK",
        "version",
        CloudifySimulator.VERSION,
        "public_ip",
        ip,
        "private_ip",
        ip,
        "services",
        services);
  }

  private static Map<String, Object> service(boolean down, Map<String, Object> extra) {
    return Json.obj("status", down ? "Inactive" : "Active", "extra_info", extra);
  }

  private static String unit(String display) {
    return "cloudify-" + display.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + ".service";
  }
}
