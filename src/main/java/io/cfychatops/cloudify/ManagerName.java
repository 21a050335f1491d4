package io.cfychatops.cloudify;

import io.cfychatops.text.Truncate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of a configured manager, and the one place its rule lives: a letter, then letters,
 * digits, {@code -} or {@code _}, at most {@value #MAX_LENGTH} characters. The config refuses any
 * other name, and the archive store and off-site keys are built from it (so it never holds a path
 * separator or a dot).
 */
public record ManagerName(String value) {

  /** Longest manager name. */
  public static final int MAX_LENGTH = 40;

  /** The rule, worded for people. */
  public static final String RULE =
      "a letter then letters, digits, `-` or `_` (max " + MAX_LENGTH + ")";

  private static final Pattern VALID =
      Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0," + (MAX_LENGTH - 1) + "}");

  /**
   * @throws IllegalArgumentException with {@link #problem}'s sentence when {@code value} breaks the
   *     rule
   */
  public ManagerName {
    require(value);
  }

  /** Same as the constructor; reads better at call sites. */
  public static ManagerName of(String value) {
    return new ManagerName(value);
  }

  /** True if {@code value} follows the rule; false for null. */
  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  /** The user-facing sentence about {@code value}, or empty if it is valid. Never throws. */
  public static Optional<String> problem(String value) {
    if (isValid(value)) {
      return Optional.empty();
    }
    String shown = value == null ? "(none)" : Truncate.echo(value);
    return Optional.of(shown + " is not a manager name: " + RULE + ".");
  }

  /**
   * Returns {@code value} if valid (for callers that keep names as validated strings).
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
