package io.cfychatops.command;

import io.cfychatops.text.Truncate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The snapshot id rule, checked at parse time so that an id the manager would refuse never reaches
 * it: 1 to 256 characters, starting with a letter, then letters, digits, {@code -}, {@code .} and
 * {@code _}.
 *
 * <p>This mirrors {@code io.cfychatops.cloudify.SnapshotId}; the command package keeps its own copy
 * so it stays free of the client package. Ids travel in commands as validated {@code String}s.
 */
public final class SnapshotIds {
  /** Longest id the manager accepts. */
  public static final int MAX_LENGTH = 256;

  /** The rule in words, as shown to users. */
  public static final String RULE =
      "ids must start with a letter and use only letters, digits, `-`, `.` and `_` (max "
          + MAX_LENGTH
          + " characters)";

  private static final Pattern VALID = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,255}");

  private SnapshotIds() {}

  /** True if {@code id} follows the rule; false for null. */
  public static boolean isValid(String id) {
    return id != null && id.length() <= MAX_LENGTH && VALID.matcher(id).matches();
  }

  /**
   * The user-facing complaint about {@code id}, or empty if it is valid. The message quotes the
   * (shortened) id and states the rule.
   */
  public static Optional<String> problem(String id) {
    if (isValid(id)) {
      return Optional.empty();
    }
    String shown = id == null ? "(none)" : Truncate.echo(id);
    String why = id != null && id.length() > MAX_LENGTH ? " (it has " + id.length() + " characters)" : "";
    return Optional.of(shown + " is not a valid snapshot id" + why + ": " + RULE + ".");
  }

  /**
   * Returns {@code id} if valid.
   *
   * @throws IllegalArgumentException with {@link #problem(String)}'s text if it is not
   */
  public static String require(String id) {
    Optional<String> problem = problem(id);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    return id;
  }
}
