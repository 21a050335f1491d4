package io.cfychatops.ops;

import java.time.Duration;
import java.util.Objects;

/**
 * Backoff for polling: start at {@code initial}, multiply by {@code factor}, stop at {@code
 * ceiling}. A server's Retry-After always wins when it asks for longer.
 */
public record PollPolicy(Duration initial, double factor, Duration ceiling) {
  /** ≈1 s at first, ×1.5, at most 2 s: keeps terminal-to-Slack latency under 2 s. */
  public static final PollPolicy DEFAULT =
      new PollPolicy(Duration.ofSeconds(1), 1.5, Duration.ofSeconds(2));

  /**
   * Restore wait and maintenance mode: 1 s ×1.5 up to 2 s, so maintenance is switched off (and the
   * restore reported) at most ~2 s after the manager finished; a 10 s ceiling left maintenance on
   * for 6+ s after the restore ended (RestoreOverheadBench).
   */
  public static final PollPolicy OUTAGE =
      new PollPolicy(Duration.ofSeconds(1), 1.5, Duration.ofSeconds(2));

  /** Economy setting for long waits where latency matters less. */
  public static final PollPolicy SLOW =
      new PollPolicy(Duration.ofSeconds(1), 1.5, Duration.ofSeconds(10));

  public PollPolicy {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(ceiling, "ceiling");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial must be > 0, was " + initial);
    }
    if (factor < 1.0) {
      throw new IllegalArgumentException("factor must be >= 1.0, was " + factor);
    }
    if (ceiling.compareTo(initial) < 0) {
      throw new IllegalArgumentException("ceiling " + ceiling + " is below initial " + initial);
    }
  }

  /** The interval after {@code previous} (null: the first). */
  public Duration next(Duration previous) {
    if (previous == null) {
      return initial;
    }
    long ms = (long) Math.ceil(previous.toMillis() * factor);
    return Duration.ofMillis(Math.min(ms, ceiling.toMillis()));
  }
}
