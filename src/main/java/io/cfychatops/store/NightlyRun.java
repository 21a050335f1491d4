package io.cfychatops.store;

import java.time.Instant;

/**
 * One nightly backup slot of one manager.
 *
 * @param slotAt the scheduled time this run is for (unique per manager)
 * @param claimedBy which instance runs it (host name or scheduler name)
 * @param catchUp true when run late for a slot missed while the bot was down
 */
public record NightlyRun(
    long id,
    String manager,
    Instant slotAt,
    Instant startedAt,
    Instant finishedAt,
    NightlyStatus status,
    String claimedBy,
    String snapshotId,
    Long bytes,
    String sha256,
    boolean verified,
    Long durationMs,
    String error,
    boolean catchUp) {}
