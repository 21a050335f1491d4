package io.cfychatops.core;

import io.cfychatops.config.ManagerConfig;
import io.cfychatops.ops.ManagerPort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The configured managers, by name, and the port chat reads them through: queries, preflight checks
 * and App Home. That port's idempotent reads retry with backoff (the composition root builds it
 * over retrying clients); operations and nightly runs use ports of their own.
 */
public final class Managers {
  private final Map<String, ManagerConfig> configs = new LinkedHashMap<>();
  private final ManagerPort port;

  public Managers(List<ManagerConfig> managers, ManagerPort port) {
    for (ManagerConfig m : managers) {
      configs.put(m.name(), m);
    }
    this.port = Objects.requireNonNull(port, "port");
  }

  /** The port for chat's reads of any configured manager. */
  public ManagerPort port() {
    return port;
  }

  public boolean exists(String name) {
    return configs.containsKey(name);
  }

  public Optional<ManagerConfig> config(String name) {
    return Optional.ofNullable(configs.get(name));
  }

  public List<String> names() {
    return List.copyOf(configs.keySet());
  }
}
