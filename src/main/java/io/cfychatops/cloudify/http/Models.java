package io.cfychatops.cloudify.http;

import static io.cfychatops.json.Json.bool;
import static io.cfychatops.json.Json.instant;
import static io.cfychatops.json.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfychatops.cloudify.ClusterStatus;
import io.cfychatops.cloudify.Execution;
import io.cfychatops.cloudify.ExecutionStatus;
import io.cfychatops.cloudify.HealthStatus;
import io.cfychatops.cloudify.MaintenanceState;
import io.cfychatops.cloudify.MaintenanceStatus;
import io.cfychatops.cloudify.ManagerStatus;
import io.cfychatops.cloudify.RestoreStarted;
import io.cfychatops.cloudify.Snapshot;
import io.cfychatops.cloudify.SnapshotStatus;
import io.cfychatops.cloudify.VersionInfo;
import io.cfychatops.json.Json;
import io.cfychatops.text.Redactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cloudify's JSON bodies mapped to the API-surface records. Parsing is defensive and tree-based
 * (the tree helpers of {@link Json}): missing keys, JSON nulls and unknown enum values never fail;
 * only a body that is not a JSON value does.
 */
final class Models {

  private Models() {}

  static long paginationTotal(JsonNode envelope, long fallback) {
    JsonNode total = envelope.path("metadata").path("pagination").path("total");
    return total.canConvertToLong() ? total.asLong() : fallback;
  }

  static Snapshot snapshot(JsonNode n) {
    return new Snapshot(
        text(n, "id"),
        instant(n, "created_at"),
        SnapshotStatus.fromWire(text(n, "status")),
        text(n, "error"),
        text(n, "visibility") != null ? text(n, "visibility") : text(n, "resource_availability"),
        text(n, "tenant_name"),
        text(n, "created_by"));
  }

  /** True for the upload-over-existing-id quirk: 201 with every field null (or no fields). */
  static boolean allNull(JsonNode n) {
    if (n == null || n.isNull()) {
      return true;
    }
    if (!n.isObject()) {
      return false;
    }
    var it = n.elements();
    while (it.hasNext()) {
      if (!it.next().isNull()) {
        return false;
      }
    }
    return true;
  }

  static Execution execution(JsonNode n) {
    return new Execution(
        text(n, "id"),
        text(n, "workflow_id"),
        ExecutionStatus.fromWire(text(n, "status"), text(n, "status_display")),
        text(n, "error"),
        instant(n, "created_at"),
        instant(n, "started_at"),
        instant(n, "ended_at"),
        bool(n, "is_system_workflow"),
        text(n, "deployment_id"),
        text(n, "tenant_name"),
        text(n, "created_by"),
        safeParameters(n.get("parameters")));
  }

  /**
   * Top-level scalar parameters whose keys do not look secret. Nested objects (notably {@code
   * config}, which holds {@code postgresql_password}) and arrays are dropped, not copied.
   */
  static Map<String, String> safeParameters(JsonNode params) {
    Map<String, String> out = new LinkedHashMap<>();
    if (params == null || !params.isObject()) {
      return out;
    }
    params
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode v = e.getValue();
              if (v.isValueNode() && !v.isNull() && !Redactor.isSecretKey(e.getKey())) {
                out.put(e.getKey(), Redactor.redact(v.asText()));
              }
            });
    return out;
  }

  static RestoreStarted restoreStarted(JsonNode n) {
    return new RestoreStarted(
        text(n, "id"),
        ExecutionStatus.fromWire(text(n, "status"), text(n, "status_display")),
        instant(n, "created_at"));
  }

  static MaintenanceState maintenance(JsonNode n) {
    List<MaintenanceState.RemainingExecution> remaining = new ArrayList<>();
    flattenRemaining(n.get("remaining_executions"), remaining);
    return new MaintenanceState(
        MaintenanceStatus.fromWire(text(n, "status")),
        instant(n, "activated_at"),
        instant(n, "activation_requested_at"),
        emptyToNull(text(n, "requested_by")),
        remaining);
  }

  /** Accepts a flat list, the 6.0+ activate quirk {@code [[...]]}, or any nesting depth. */
  private static void flattenRemaining(
      JsonNode node, List<MaintenanceState.RemainingExecution> out) {
    if (node == null || node.isNull()) {
      return;
    }
    if (node.isArray()) {
      node.forEach(child -> flattenRemaining(child, out));
    } else if (node.isObject() && text(node, "id") != null) {
      out.add(
          new MaintenanceState.RemainingExecution(
              text(node, "id"),
              ExecutionStatus.fromWire(text(node, "status")),
              text(node, "deployment_id"),
              text(node, "workflow_id")));
    }
  }

  static VersionInfo version(JsonNode n) {
    return new VersionInfo(
        text(n, "version"),
        text(n, "edition"),
        text(n, "build"),
        text(n, "date"),
        text(n, "commit"),
        text(n, "distribution"),
        text(n, "distro_release"));
  }

  /** 5.0.5+ shape (services object) and 4.x shape (services list with instances). */
  static ManagerStatus managerStatus(JsonNode n) {
    Map<String, Boolean> services = new LinkedHashMap<>();
    JsonNode s = n.get("services");
    if (s != null && s.isObject()) {
      s.fields().forEachRemaining(e -> services.put(e.getKey(), isActive(e.getValue())));
    } else if (s != null && s.isArray()) {
      for (JsonNode svc : s) {
        String name = text(svc, "display_name");
        if (name == null) {
          continue;
        }
        JsonNode instances = svc.get("instances");
        boolean active = instances != null && instances.isArray() && instances.size() > 0;
        if (instances != null) {
          for (JsonNode inst : instances) {
            String state = text(inst, "state");
            active &= "running".equalsIgnoreCase(state) || "active".equalsIgnoreCase(state);
          }
        }
        services.put(name, active);
      }
    }
    return new ManagerStatus(HealthStatus.fromWire(text(n, "status")), services);
  }

  private static boolean isActive(JsonNode service) {
    String status = service.isValueNode() ? service.asText() : text(service, "status");
    return status != null
        && (status.equalsIgnoreCase("active")
            || status.equalsIgnoreCase("ok")
            || status.equalsIgnoreCase("running"));
  }

  static ClusterStatus clusterStatus(JsonNode n) {
    Map<String, ClusterStatus.Service> services = new LinkedHashMap<>();
    JsonNode s = n.get("services");
    if (s != null && s.isObject()) {
      s.fields()
          .forEachRemaining(
              e -> {
                JsonNode svc = e.getValue();
                List<ClusterStatus.Node> nodes = new ArrayList<>();
                JsonNode ns = svc.get("nodes");
                if (ns != null && ns.isObject()) {
                  ns.fields()
                      .forEachRemaining(
                          ne -> {
                            JsonNode node = ne.getValue();
                            Map<String, Boolean> nodeServices = new LinkedHashMap<>();
                            JsonNode nsv = node.get("services");
                            if (nsv != null && nsv.isObject()) {
                              nsv.fields()
                                  .forEachRemaining(
                                      x -> nodeServices.put(x.getKey(), isActive(x.getValue())));
                            }
                            nodes.add(
                                new ClusterStatus.Node(
                                    ne.getKey(),
                                    HealthStatus.fromWire(text(node, "status")),
                                    text(node, "version"),
                                    text(node, "public_ip"),
                                    text(node, "private_ip"),
                                    nodeServices));
                          });
                }
                services.put(
                    e.getKey(),
                    new ClusterStatus.Service(
                        e.getKey(),
                        HealthStatus.fromWire(text(svc, "status")),
                        bool(svc, "is_external"),
                        nodes));
              });
    }
    return new ClusterStatus(HealthStatus.fromWire(text(n, "status")), services);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
