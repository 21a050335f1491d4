package io.cfychatops.backup;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The ids of nightly snapshots. The snapshot-id and manager-name rules themselves are {@link
 * io.cfychatops.cloudify.SnapshotId} and {@link io.cfychatops.cloudify.ManagerName}.
 */
final class NightlyIds {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

  private NightlyIds() {}

  /**
   * {@code nightly-<manager>-<yyyyMMdd-HHmm>} with the local time of {@code at} in {@code zone}.
   */
  static String nightlySnapshotId(String manager, Instant at, ZoneId zone) {
    return nightlyPrefix(manager) + STAMP.format(at.atZone(zone));
  }

  static String nightlyPrefix(String manager) {
    return "nightly-" + manager + "-";
  }

  /** True for ids this package created for {@code manager}; retention touches nothing else. */
  static boolean isNightlyOf(String manager, String snapshotId) {
    String prefix = nightlyPrefix(manager);
    if (!snapshotId.startsWith(prefix)) {
      return false;
    }
    // "nightly-a-b-20240812-0200" must not count as a nightly of manager "a"
    String rest = snapshotId.substring(prefix.length());
    return rest.matches("\\d{8}-\\d{4}(-\\d+)?");
  }
}
