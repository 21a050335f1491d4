package io.cfychatops.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A {@link Clock} tests move by hand instead of sleeping. Thread-safe. */
public final class SettableClock extends Clock {
  /** A fixed, readable start: 2025-01-15T09:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2025-01-15T09:00:00Z");

  private volatile Instant now;

  public SettableClock() {
    this(DEFAULT_START);
  }

  public SettableClock(Instant start) {
    this.now = start;
  }

  public void set(Instant instant) {
    this.now = instant;
  }

  public synchronized void advance(Duration d) {
    this.now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
