package io.cfychatops.cloudify;

import io.cfychatops.text.Truncate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Cloudify snapshot id: 1–256 characters, starts with an ASCII letter, then only letters, digits,
 * {@code .}, {@code _} and {@code -}. This is the rule the server applies on create and the CLI
 * applies everywhere; validating it here lets parsers reject an id before any HTTP call.
 */
public record SnapshotId(String value) {

  /** Maximum id length accepted by the manager. */
  public static final int MAX_LENGTH = 256;

  /** The rule, worded for humans (used in error messages). */
  public static final String RULE =
      "a snapshot id must be 1-256 characters, start with a letter, and contain only letters,"
          + " digits, '.', '_' and '-'";

  private static final Pattern VALID = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");

  public SnapshotId {
    String error = validationError(value);
    if (error != null) {
      throw new IllegalArgumentException(error);
    }
  }

  /** Same as the constructor; reads better at call sites. */
  public static SnapshotId of(String value) {
    return new SnapshotId(value);
  }

  /** Returns the id if {@code value} is valid, otherwise empty. Never throws. */
  public static Optional<SnapshotId> tryParse(String value) {
    return validationError(value) == null ? Optional.of(new SnapshotId(value)) : Optional.empty();
  }

  /**
   * Returns {@code null} if {@code value} is a valid id, otherwise a message naming the bad value
   * and stating the rule, e.g. "Invalid snapshot id `1abc`: a snapshot id must ... ".
   */
  public static String validationError(String value) {
    if (value == null || value.isEmpty()) {
      return "Snapshot id is empty: " + RULE;
    }
    String shown = Truncate.clip(value, 65);
    if (value.length() > MAX_LENGTH) {
      return "Invalid snapshot id `" + shown + "` (" + value.length() + " characters): " + RULE;
    }
    if (!VALID.matcher(value).matches()) {
      return "Invalid snapshot id `" + shown + "`: " + RULE;
    }
    return null;
  }

  @Override
  public String toString() {
    return value;
  }
}
