package io.cfychatops.config;

import io.cfychatops.access.Grant;
import java.util.List;
import java.util.Optional;

/** The whole validated configuration. */
public record BotConfig(
    List<ManagerConfig> managers,
    List<Grant> grants,
    List<ApprovalRule> approvals,
    SlackConfig slack,
    StoreConfig store,
    BackupSettings backup,
    OperationSettings ops) {

  public BotConfig {
    managers = List.copyOf(managers);
    grants = List.copyOf(grants);
    approvals = List.copyOf(approvals);
  }

  public Optional<ManagerConfig> manager(String name) {
    return managers.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** The manager used when a command names none: the only one, or the one named {@code default}. */
  public Optional<ManagerConfig> defaultManager() {
    if (managers.size() == 1) {
      return Optional.of(managers.get(0));
    }
    return manager("default");
  }

  public List<String> managerNames() {
    return managers.stream().map(ManagerConfig::name).toList();
  }
}
