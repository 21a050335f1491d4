package io.cfychatops.config;

import io.cfychatops.access.Role;
import java.time.Duration;
import java.util.Set;

/**
 * Approval policy for one manager ({@code *} = all) and one action ({@code *} = every destructive
 * action). Null fields inherit from the less specific rule, and finally from the defaults.
 *
 * @param action restore, delete, upload, maintenance-activate, maintenance-deactivate, or {@code *}
 */
public record ApprovalRule(
    String manager,
    String action,
    Boolean required,
    Integer requiredVotes,
    Set<Role> approverRoles,
    Set<String> approverGroups,
    Duration expiry,
    Boolean reasonRequired) {}
