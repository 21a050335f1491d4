package io.cfychatops.cloudify;

import io.cfychatops.text.Truncate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Cloudify snapshot id, and the one place its rule lives: 1–256 characters, starts with an ASCII
 * letter, then only letters, digits, {@code .}, {@code _} and {@code -}. This is the rule the
 * server applies on create and the CLI applies everywhere; validating it here lets the parser, the
 * stores and the client reject an id before any HTTP call or file name is made from it.
 */
public record SnapshotId(String value) {

  /** Maximum id length accepted by the manager. */
  public static final int MAX_LENGTH = 256;

  /** The rule, worded for people (ends every {@link #problem} sentence). */
  public static final String RULE =
      "ids must start with a letter and use only letters, digits, `-`, `.` and `_` (max "
          + MAX_LENGTH
          + " characters)";

  private static final Pattern VALID = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,255}");

  /**
   * @throws IllegalArgumentException with {@link #problem}'s sentence when {@code value} breaks the
   *     rule
   */
  public SnapshotId {
    require(value);
  }

  /** Same as the constructor; reads better at call sites. */
  public static SnapshotId of(String value) {
    return new SnapshotId(value);
  }

  /** Returns the id if {@code value} is valid, otherwise empty. Never throws. */
  public static Optional<SnapshotId> tryParse(String value) {
    return isValid(value) ? Optional.of(new SnapshotId(value)) : Optional.empty();
  }

  /** True if {@code value} follows the rule; false for null. */
  public static boolean isValid(String value) {
    return value != null && value.length() <= MAX_LENGTH && VALID.matcher(value).matches();
  }

  /**
   * The user-facing sentence about {@code value}, or empty if it is valid: it quotes the
   * (shortened, made safe) id and states the rule, e.g. "`9abc` is not a valid snapshot id: ids
   * must start ...". Never throws.
   */
  public static Optional<String> problem(String value) {
    if (isValid(value)) {
      return Optional.empty();
    }
    String shown = value == null ? "(none)" : Truncate.echo(value);
    String why =
        value == null || value.isEmpty()
            ? " (it is empty)"
            : value.length() > MAX_LENGTH ? " (it has " + value.length() + " characters)" : "";
    return Optional.of(shown + " is not a valid snapshot id" + why + ": " + RULE + ".");
  }

  /**
   * Returns {@code value} if valid (for callers that keep ids as validated strings).
   *
   * @throws IllegalArgumentException with {@link #problem}'s sentence if it is not
   */
  public static String require(String value) {
    Optional<String> problem = problem(value);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
