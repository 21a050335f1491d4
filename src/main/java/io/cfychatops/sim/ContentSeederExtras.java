package io.cfychatops.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The per-tenant groups, dependencies, updates, filters and schedules of {@link ContentSeeder}. */
final class ContentSeederExtras {
  private ContentSeederExtras() {}

  static void extras(ContentSeeder s, String t, int d, List<String> installs) {
    for (int i = 1; i <= d / 20; i++) {
      List<String> deps = new ArrayList<>();
      for (int k = i; k <= d; k += 20) {
        deps.add("dep-" + k);
      }
      s.add(
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
          s.admin,
          "created_at",
          s.ts(400 + i),
          "creation_counter",
          deps.size());
    }
    for (int i = 1; i <= d / 10; i++) {
      s.add(
          t,
          EntityType.INTER_DEPLOYMENT_DEPENDENCIES,
          "id",
          s.uuid(),
          "dependency_creator",
          "component",
          "source_deployment_id",
          "dep-" + i,
          "target_deployment_id",
          "dep-" + (i + 1),
          "created_at",
          s.ts(500 + i),
          "created_by",
          s.admin,
          "visibility",
          "tenant");
    }
    for (int i = 1; i <= d / 25; i++) {
      s.add(
          t,
          EntityType.EXECUTION_GROUPS,
          "id",
          s.uuid(),
          "created_at",
          s.ts(600 + i),
          "workflow_id",
          "heal",
          "execution_ids",
          List.of(),
          "concurrency",
          5,
          "deployment_group_id",
          "group-1",
          "created_by",
          s.admin);
    }
    for (int i = 1; i <= d / 30; i++) {
      s.add(
          t,
          EntityType.DEPLOYMENT_UPDATES,
          "id",
          "dep-" + i + "-" + s.hex(4),
          "deployment_id",
          "dep-" + i,
          "state",
          "successful",
          "created_at",
          s.ts(700 + i),
          "created_by",
          s.admin,
          "visibility",
          "tenant");
    }
    if (d >= 10) {
      s.add(
          t,
          EntityType.DEPLOYMENTS_FILTERS,
          "id",
          "by-region",
          "value",
          List.of(Map.of("key", "region", "values", List.of("r1"), "operator", "any_of")),
          "visibility",
          "tenant",
          "created_at",
          s.ts(800),
          "created_by",
          s.admin);
    }
    for (int i = 0; i < installs.size() / 5; i++) {
      s.addIn(
          t,
          installs.get(i),
          EntityType.TASKS_GRAPHS,
          "id",
          s.uuid(),
          "name",
          "install",
          "created_at",
          s.ts(900 + i),
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
      s.add(
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
          s.ts(1000 + i),
          "since",
          s.ts(1000 + i),
          "until",
          i % 5 == 0 ? s.ts(2000 + i) : null,
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
          s.admin);
    }
  }
}
