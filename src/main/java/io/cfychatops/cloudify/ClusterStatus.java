package io.cfychatops.cloudify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Result of {@code GET /cluster-status}: overall status plus one entry per cluster service ({@code
 * manager}, {@code db}, {@code broker}).
 */
public record ClusterStatus(HealthStatus status, Map<String, Service> services) {

  public ClusterStatus {
    status = status == null ? HealthStatus.UNKNOWN : status;
    services =
        services == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(services));
  }

  public Optional<Service> manager() {
    return Optional.ofNullable(services.get("manager"));
  }

  public Optional<Service> db() {
    return Optional.ofNullable(services.get("db"));
  }

  public Optional<Service> broker() {
    return Optional.ofNullable(services.get("broker"));
  }

  /** A cluster service (manager, db or broker) and its nodes. */
  public record Service(String name, HealthStatus status, boolean external, List<Node> nodes) {
    public Service {
      status = status == null ? HealthStatus.UNKNOWN : status;
      nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }
  }

  /**
   * One node of a cluster service.
   *
   * @param services systemd-level service name → active?
   */
  public record Node(
      String name,
      HealthStatus status,
      String version,
      String publicIp,
      String privateIp,
      Map<String, Boolean> services) {
    public Node {
      status = status == null ? HealthStatus.UNKNOWN : status;
      services =
          services == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }
  }
}
