package io.cfychatops.cloudify;

import java.util.Map;

/**
 * Result of {@code GET /status}.
 *
 * @param services service display name → active? (empty with {@code summary=true}); insertion order
 *     as sent by the server
 */
public record ManagerStatus(HealthStatus status, Map<String, Boolean> services) {
  public ManagerStatus {
    status = status == null ? HealthStatus.UNKNOWN : status;
    services =
        services == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
  }

  public boolean isHealthy() {
    return status.isHealthy();
  }
}
