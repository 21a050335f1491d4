package io.cfychatops.drill;

/** A drill that cannot start (none configured, one running on the target, no copy): for people. */
public final class DrillRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DrillRefusedException(String message) {
    super(message);
  }
}
