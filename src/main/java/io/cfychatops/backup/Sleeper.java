package io.cfychatops.backup;

import java.time.Duration;

/**
 * Waits between polls. Production uses {@link #system()}; tests pass one that advances a settable
 * clock, so nothing in a test ever sleeps.
 */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration d) throws InterruptedException;

  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis());
  }
}
