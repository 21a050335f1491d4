package io.cfychatops.command;

import io.cfychatops.text.Truncate;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/** Approval request ids and operation ids: short tokens such as {@code apr-7f3k2q}. */
public final class ShortIds {
  /** The rule in words, as shown to users. */
  public static final String RULE = "ids use only letters, digits and `-` (max 64 characters)";

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz023456789"; // 32, no 1/l/i/o
  private static final SecureRandom RANDOM = new SecureRandom();

  private ShortIds() {}

  /** A new unguessable id: {@code prefix} and {@code length} random symbols (5 bits each). */
  public static String random(String prefix, int length) {
    StringBuilder sb = new StringBuilder(prefix);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  /** True if {@code id} is a well-formed short id; false for null. */
  public static boolean isValid(String id) {
    return id != null && VALID.matcher(id).matches();
  }

  /** The complaint about {@code id} (a {@code what}, e.g. "request id"), or empty if valid. */
  public static Optional<String> problem(String id, String what) {
    if (isValid(id)) {
      return Optional.empty();
    }
    String shown = id == null ? "(none)" : Truncate.echo(id);
    return Optional.of(shown + " is not a valid " + what + ": " + RULE + ".");
  }

  /**
   * Returns {@code id} if valid.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String require(String id, String what) {
    Optional<String> problem = problem(id, what);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    return id;
  }
}
