package io.cfychatops.command;

import static io.cfychatops.command.ParseFailure.fail;

import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.text.Truncate;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of single values the parser reads — ids, numbers, paths, names — and of the global
 * options; each failure names the command's help topic and says what to type instead.
 */
final class Values {
  /**
   * The shape of a manager name on the command line (looked up among the configured ones later).
   */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,255}");
  private static final Pattern CHANNEL_LINK = Pattern.compile("<#([A-Z0-9]{2,32})(?:\\|([^>]*))?>");
  private static final Pattern CHANNEL_NAME = Pattern.compile("[\\p{L}\\p{N}_.-]{1,80}");
  private static final Pattern WHOLE = Pattern.compile("[0-9]{1,9}");
  private static final int MAX_REASON = 500;
  private static final int MAX_PATH = 1024;

  private Values() {}

  /** The global options among {@code values}, checked. */
  static Globals globals(String path, Map<String, String> values) {
    String manager = values.get("--manager");
    if (manager != null) {
      managerName(path, manager);
    }
    String tenant = values.get("--tenant-name");
    if (tenant != null && !TENANT.matcher(tenant).matches()) {
      throw fail(
          path,
          Truncate.echo(tenant)
              + " is not a tenant name: use letters, digits, `-`, `.`, `_` and `@`.");
    }
    String reason = values.get("--reason");
    if (reason != null) {
      reason = reason.strip();
      if (reason.isEmpty()) {
        throw fail(
            path, "`--reason` needs some text, e.g. `--reason \"restore after failed upgrade\"`.");
      }
      if (reason.length() > MAX_REASON) {
        throw fail(
            path,
            "`--reason` is too long ("
                + reason.length()
                + " characters; the limit is "
                + MAX_REASON
                + ").");
      }
    }
    String incident = values.get("--incident");
    return new Globals(manager, tenant, reason, incident == null ? null : incident(path, incident));
  }

  /** {@code name} if it has the shape of a manager name. */
  static String managerName(String path, String name) {
    if (!NAME.matcher(name).matches()) {
      throw fail(
          path,
          Truncate.echo(name)
              + " is not a manager name: names start with a letter or digit and use"
              + " only letters, digits, `-`, `.` and `_` (max 64 characters).");
    }
    return name;
  }

  private static Incident incident(String path, String value) {
    String v = value.strip();
    if (v.equalsIgnoreCase("new")) {
      return new Incident.NewChannel();
    }
    Matcher link = CHANNEL_LINK.matcher(v);
    if (link.matches()) {
      String name = link.group(2);
      return new Incident.Channel(
          link.group(1), name != null && CHANNEL_NAME.matcher(name).matches() ? name : null);
    }
    String name = v.startsWith("#") ? v.substring(1) : v;
    if (CHANNEL_NAME.matcher(name).matches()) {
      return new Incident.Channel(null, name);
    }
    throw fail(
        path, "`--incident` takes a channel (`#name`) or `new`, not " + Truncate.echo(value) + ".");
  }

  static SnapshotId snapshotId(String path, String id) {
    Optional<String> problem = SnapshotId.problem(id);
    if (problem.isPresent()) {
      throw fail(path, problem.get());
    }
    return SnapshotId.of(id);
  }

  static String shortId(String path, String id, String what) {
    Optional<String> problem = ShortIds.problem(id, what);
    if (problem.isPresent()) {
      throw fail(path, problem.get());
    }
    return id;
  }

  static void checkPath(String path, String what, String value) {
    if (value.isBlank() || value.length() > MAX_PATH) {
      throw fail(path, "`" + what + "` needs a path of 1 to " + MAX_PATH + " characters.");
    }
    for (String part : value.split("/", -1)) {
      if (part.equals("..")) {
        throw fail(path, "`" + what + "` must not contain `..`.");
      }
    }
  }

  static int whole(String path, String what, String value, int dflt, int min, int max) {
    if (value == null) {
      return dflt;
    }
    if (WHOLE.matcher(value).matches()) {
      long n = Long.parseLong(value);
      if (n >= min && n <= max) {
        return (int) n;
      }
    }
    String range = max == Integer.MAX_VALUE ? min + " or more" : "from " + min + " to " + max;
    String label = what.startsWith("-") ? "`" + what + "`" : what;
    throw fail(
        path, label + " must be a whole number " + range + ", not " + Truncate.echo(value) + ".");
  }
}
