package io.cfychatops.backup;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Naming rules shared by the package: manager names, snapshot ids, file names. */
final class Names {
  /** Cloudify's snapshot id rule (cloudify-api.md §2.1), also used for manager names here. */
  static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,255}");

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

  private Names() {}

  static String requireId(String value, String what) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " `" + value + "` must start with a letter and use only letters, digits, `.`, `_`"
              + " or `-` (at most 256 characters)");
    }
    return value;
  }

  /** {@code nightly-<manager>-<yyyyMMdd-HHmm>} with the local time of {@code at} in {@code zone}. */
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
