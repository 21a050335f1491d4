package io.cfychatops.config;

import io.cfychatops.access.Role;
import java.time.Duration;
import java.util.Set;

/**
 * Approval policy for one manager ({@code *} = all) and one action ({@code *} = every destructive
 * action). Null fields inherit from the less specific rule, and finally from the defaults.
 *
 * @param action restore, delete, upload, maintenance-activate, maintenance-deactivate, or {@code *}
 * @param confirmTyped {@code confirm: typed} (true) or {@code confirm: click} (false): whether the
 *     vote completing the quorum must type the snapshot id; null inherits
 */
public record ApprovalRule(
    String manager,
    String action,
    Boolean required,
    Integer requiredVotes,
    Set<Role> approverRoles,
    Set<String> approverGroups,
    Duration expiry,
    Boolean reasonRequired,
    Boolean confirmTyped) {

  /** A rule that does not say how votes are confirmed. */
  public ApprovalRule(
      String manager,
      String action,
      Boolean required,
      Integer requiredVotes,
      Set<Role> approverRoles,
      Set<String> approverGroups,
      Duration expiry,
      Boolean reasonRequired) {
    this(
        manager,
        action,
        required,
        requiredVotes,
        approverRoles,
        approverGroups,
        expiry,
        reasonRequired,
        null);
  }
}
