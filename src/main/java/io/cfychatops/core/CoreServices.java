package io.cfychatops.core;

import io.cfychatops.access.AccessControl;
import io.cfychatops.approvals.ApprovalService;
import io.cfychatops.approvals.PolicyBook;
import io.cfychatops.backup.NightlyService;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.OperationEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What the core ({@link ChatOps}, {@link HomeTab}) is built on; the composition root fills it in
 * once. Every component is required except {@code incidentChannel}.
 *
 * @param api the manager port of the operations (cluster diagnosis reads through it)
 * @param incidentChannel where operation progress goes when a command names no channel; null: the
 *     channel the command came from
 * @param archiveRoot the archive store: the only place on the bot's disk an upload may read
 * @param zone the zone nightly backup history is shown in
 * @param drills restore drills; null when the bot runs none
 */
public record CoreServices(
    Managers managers,
    AccessControl access,
    ApprovalService approvals,
    PolicyBook policies,
    OperationEngine engine,
    ManagerPort api,
    NightlyService nightly,
    ChatPort chat,
    Clock clock,
    String incidentChannel,
    Path archiveRoot,
    ZoneId zone,
    io.cfychatops.drill.@org.jspecify.annotations.Nullable DrillService drills) {
  public CoreServices {
    Objects.requireNonNull(managers, "managers");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(approvals, "approvals");
    Objects.requireNonNull(policies, "policies");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(nightly, "nightly");
    Objects.requireNonNull(chat, "chat");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(archiveRoot, "archiveRoot");
    Objects.requireNonNull(zone, "zone");
  }
}
