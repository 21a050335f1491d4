package io.cfychatops.config;

/** A secret value that never prints itself: {@code toString()} is {@code ***}. */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    return value == null ? null : new Secret(value);
  }

  /** The secret itself; call only where it is sent to its owner (an Authorization header). */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "***";
  }
}
