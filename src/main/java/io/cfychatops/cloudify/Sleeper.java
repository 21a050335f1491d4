package io.cfychatops.cloudify;

import java.time.Duration;

/** Waits between retries. Injected so tests can record delays instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

  /** Sleeps with {@link Thread#sleep(long)}. */
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
