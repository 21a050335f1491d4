package io.cfychatops.concurrent;

import java.time.Duration;

/**
 * Waits between retries and polls (the Cloudify client's retry back-off, the nightly run's polls).
 * Production uses {@link #SYSTEM}; tests pass one that records the delays or advances a settable
 * clock, so nothing in a test ever sleeps.
 */
@FunctionalInterface
public interface Sleeper {

  /** Sleeps with {@link Thread#sleep(long)}. */
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
