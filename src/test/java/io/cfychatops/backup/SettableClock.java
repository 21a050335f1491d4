package io.cfychatops.backup;

import io.cfychatops.concurrent.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand; thread-safe. */
public final class SettableClock extends Clock {
  private final AtomicReference<Instant> now;

  public SettableClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  public void set(Instant t) {
    now.set(t);
  }

  public void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }

  /** A sleeper that moves this clock instead of waiting. */
  public Sleeper sleeper() {
    return this::advance;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
