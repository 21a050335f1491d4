package io.cfychatops.access;

import java.util.Objects;
import java.util.Set;

/**
 * A role granted on a manager ({@code *} = every manager) to Slack user ids and user groups (group
 * id {@code S123} or handle {@code ops-team}). In the console, user ids are the names typed with
 * {@code /as}.
 */
public record Grant(String manager, Role role, Set<String> users, Set<String> groups) {
  public Grant {
    Objects.requireNonNull(role, "role");
    users = Set.copyOf(users);
    groups = Set.copyOf(groups);
  }

  public boolean appliesTo(String managerName) {
    return "*".equals(manager) || manager.equals(managerName);
  }
}
