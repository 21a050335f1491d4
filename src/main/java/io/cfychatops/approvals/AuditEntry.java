package io.cfychatops.approvals;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the append-only audit log: who (user and team id), where (channel), on which manager,
 * what ({@code kind} such as {@code approval}, {@code operation}, {@code command}; {@code action}
 * such as {@code open}, {@code approve}) and the details. {@code id} is 0 until stored.
 */
public record AuditEntry(
    long id,
    Instant at,
    String teamId,
    String userId,
    String userName,
    String channel,
    String manager,
    String kind,
    String action,
    String detail) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(action, "action");
    teamId = teamId == null ? "" : teamId;
    userId = userId == null ? "" : userId;
    userName = userName == null ? userId : userName;
    channel = channel == null ? "" : channel;
    manager = manager == null ? "" : manager;
    detail = detail == null ? "" : detail;
  }
}
