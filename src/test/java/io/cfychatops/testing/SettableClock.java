package io.cfychatops.testing;

import io.cfychatops.concurrent.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tests' one {@link Clock}: it moves only when told to ({@link #at}, {@link #create}) or runs
 * like the system clock and can be moved forward ({@link #ticking}: timers keep working while
 * expiry is tested by {@link #advance}). Thread-safe; clocks from {@link #withZone} share the time.
 */
public final class SettableClock extends Clock {
  /** A fixed, readable start instant used by {@link #create()}. */
  public static final Instant DEFAULT_START = Instant.parse("2024-08-12T02:00:00Z");

  private final Clock base;
  private final AtomicReference<Duration> offset;
  private final ZoneId zone;

  private SettableClock(Clock base, AtomicReference<Duration> offset, ZoneId zone) {
    this.base = base;
    this.offset = offset;
    this.zone = zone;
  }

  /** A clock standing at {@code start}, UTC. */
  public SettableClock(Instant start) {
    this(
        Clock.fixed(Objects.requireNonNull(start, "start"), ZoneOffset.UTC),
        new AtomicReference<>(Duration.ZERO),
        ZoneOffset.UTC);
  }

  /** A clock standing at {@link #DEFAULT_START}, UTC. */
  public static SettableClock create() {
    return at(DEFAULT_START);
  }

  /** A clock standing at {@code start}, UTC. */
  public static SettableClock at(Instant start) {
    return new SettableClock(start);
  }

  /** A clock running with the system clock (UTC), moved by {@link #advance} and {@link #set}. */
  public static SettableClock ticking() {
    return new SettableClock(
        Clock.systemUTC(), new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
  }

  /** Moves the clock forward (or backward, for a negative amount); returns the new instant. */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    return base.instant().plus(offset.updateAndGet(o -> o.plus(amount)));
  }

  /** Same as {@link #advance(Duration)} with milliseconds. */
  public Instant advanceMillis(long millis) {
    return advance(Duration.ofMillis(millis));
  }

  /** Sets the current instant (a ticking clock runs on from there). */
  public void set(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    offset.set(Duration.between(base.instant(), instant));
  }

  /** A sleeper that moves this clock instead of waiting. */
  public Sleeper sleeper() {
    return this::advance;
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** Shares the underlying time: advancing either clock moves both. */
  @Override
  public Clock withZone(ZoneId newZone) {
    return new SettableClock(base, offset, newZone);
  }

  @Override
  public String toString() {
    return "SettableClock[" + instant() + "]";
  }
}
