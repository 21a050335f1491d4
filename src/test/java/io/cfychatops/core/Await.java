package io.cfychatops.core;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Bounded polling of a condition, for state that offers no queue to wait on. No sleeping tests. */
public final class Await {
  private Await() {}

  /** True as soon as {@code condition} holds; false when {@code max} passed first. */
  public static boolean until(Duration max, BooleanSupplier condition) {
    long deadline = System.nanoTime() + max.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      LockSupport.parkNanos(20_000_000L);
    }
    return true;
  }

  /** Like {@link #until} but fails the test with {@code what} when the condition never holds. */
  public static void require(Duration max, String what, BooleanSupplier condition) {
    if (!until(max, condition)) {
      throw new AssertionError("timed out after " + max + " waiting for " + what);
    }
  }
}
