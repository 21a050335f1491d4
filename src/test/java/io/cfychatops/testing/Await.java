package io.cfychatops.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;

/**
 * The tests' one way to wait for state that offers no queue to block on: bounded polling on
 * Awaitility. Every wait has a maximum; the first check happens at once, then every 10 ms. Uncaught
 * exceptions of other threads are left to their own handlers (tests kill threads on purpose).
 */
public final class Await {
  private static final Duration POLL = Duration.ofMillis(10);

  private Await() {}

  /** Awaitility with this project's defaults, bounded by {@code max}. */
  public static ConditionFactory atMost(Duration max) {
    Duration bound = max.compareTo(POLL) < 0 ? POLL : max;
    return Awaitility.await()
        .atMost(bound)
        .pollDelay(Duration.ZERO)
        .pollInterval(POLL)
        .dontCatchUncaughtExceptions();
  }

  /** True as soon as {@code condition} holds; false when {@code max} passed first. */
  public static boolean until(Duration max, BooleanSupplier condition) {
    try {
      atMost(max).until(condition::getAsBoolean);
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  /** Like {@link #until} but fails the test with {@code what} when the condition never holds. */
  public static void require(Duration max, String what, BooleanSupplier condition) {
    if (!until(max, condition)) {
      throw new AssertionError("timed out after " + max + " waiting for " + what);
    }
  }

  /**
   * The first value of {@code supplier} that satisfies {@code accept}, polled for up to {@code
   * max}; fails the test with {@code what} otherwise.
   */
  public static <T> T value(
      Duration max, String what, Callable<T> supplier, Predicate<? super T> accept) {
    try {
      return atMost(max).until(supplier, accept);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("timed out after " + max + " waiting for " + what, e);
    }
  }

  /**
   * Repeats {@code assertion} until it passes; after {@code max} its last failure fails the test.
   */
  public static void untilAsserted(Duration max, ThrowingRunnable assertion) {
    atMost(max).untilAsserted(assertion);
  }
}
