package io.cfychatops.ops;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Settings of the operations engine, validated at construction.
 *
 * @param defaultChannel where progress goes when the request names no incident channel
 * @param archiveRoot downloads land in {@code <archiveRoot>/<manager>/<snapshot>.zip}
 * @param poll backoff for execution and maintenance polls
 * @param outagePoll backoff for {@code snapshot-status} during a restore's REST outage
 * @param executionCacheAge reads of the same execution younger than this are shared
 * @param maintenanceTimeout how long {@code activating} may last before the runbook gives up
 * @param restoreTimeout overall limit from restore POST to {@code not-running}
 * @param createTimeout limit for a create execution to end
 * @param transientRetries retries of a transient manager failure before a step fails
 * @param editInterval at most one edit of a living message per interval (latest state wins)
 * @param heartbeatAfter flag "no change for N min" after this long without change
 * @param zone zone for names such as {@code safety-<manager>-<yyyyMMdd-HHmmss>}
 */
public record OpsConfig(
    String defaultChannel,
    Path archiveRoot,
    PollPolicy poll,
    PollPolicy outagePoll,
    Duration executionCacheAge,
    Duration maintenanceTimeout,
    Duration restoreTimeout,
    Duration createTimeout,
    int transientRetries,
    Duration editInterval,
    Duration heartbeatAfter,
    ZoneId zone) {

  public static final Duration DEFAULT_EDIT_INTERVAL = Duration.ofSeconds(3);

  public OpsConfig {
    Objects.requireNonNull(defaultChannel, "defaultChannel");
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(outagePoll, "outagePoll");
    Objects.requireNonNull(zone, "zone");
    requirePositive("maintenanceTimeout", maintenanceTimeout);
    requirePositive("restoreTimeout", restoreTimeout);
    requirePositive("createTimeout", createTimeout);
    requirePositive("editInterval", editInterval);
    requirePositive("heartbeatAfter", heartbeatAfter);
    Objects.requireNonNull(executionCacheAge, "executionCacheAge");
    if (transientRetries < 0) {
      throw new IllegalArgumentException("transientRetries must be >= 0, was " + transientRetries);
    }
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
  }

  public static OpsConfig defaults(String defaultChannel, Path archiveRoot) {
    return new OpsConfig(
        defaultChannel,
        archiveRoot,
        PollPolicy.DEFAULT,
        PollPolicy.OUTAGE,
        Duration.ofMillis(900),
        Duration.ofMinutes(10),
        Duration.ofMinutes(60),
        Duration.ofHours(2),
        8,
        DEFAULT_EDIT_INTERVAL,
        Duration.ofMinutes(5),
        ZoneId.of("UTC"));
  }

  public OpsConfig withMaintenanceTimeout(Duration d) {
    return new OpsConfig(
        defaultChannel,
        archiveRoot,
        poll,
        outagePoll,
        executionCacheAge,
        d,
        restoreTimeout,
        createTimeout,
        transientRetries,
        editInterval,
        heartbeatAfter,
        zone);
  }

  public OpsConfig withRestoreTimeout(Duration d) {
    return new OpsConfig(
        defaultChannel,
        archiveRoot,
        poll,
        outagePoll,
        executionCacheAge,
        maintenanceTimeout,
        d,
        createTimeout,
        transientRetries,
        editInterval,
        heartbeatAfter,
        zone);
  }

  public OpsConfig withPoll(PollPolicy p) {
    return new OpsConfig(
        defaultChannel,
        archiveRoot,
        p,
        outagePoll,
        executionCacheAge,
        maintenanceTimeout,
        restoreTimeout,
        createTimeout,
        transientRetries,
        editInterval,
        heartbeatAfter,
        zone);
  }

  public OpsConfig withEditInterval(Duration d) {
    return new OpsConfig(
        defaultChannel,
        archiveRoot,
        poll,
        outagePoll,
        executionCacheAge,
        maintenanceTimeout,
        restoreTimeout,
        createTimeout,
        transientRetries,
        d,
        heartbeatAfter,
        zone);
  }
}
