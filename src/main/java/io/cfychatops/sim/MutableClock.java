package io.cfychatops.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that only moves when told to. Thread-safe; usable from any package's tests.
 *
 * <p>Instead of sleeping, a test calls {@link #advance(Duration)} and the next request to the
 * simulator sees the new time.
 */
public final class MutableClock extends Clock {
  /** A fixed, readable start instant used by {@link #create()}. */
  public static final Instant DEFAULT_START = Instant.parse("2024-08-12T02:00:00Z");

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock at {@link #DEFAULT_START}, UTC. */
  public static MutableClock create() {
    return at(DEFAULT_START);
  }

  /** A clock at {@code start}, UTC. */
  public static MutableClock at(Instant start) {
    return new MutableClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /** Moves the clock forward (or backward, for a negative amount); returns the new instant. */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    return now.updateAndGet(t -> t.plus(amount));
  }

  /** Same as {@link #advance(Duration)} with milliseconds. */
  public Instant advanceMillis(long millis) {
    return advance(Duration.ofMillis(millis));
  }

  /** Sets the current instant. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** Shares the underlying time: advancing either clock moves both. */
  @Override
  public Clock withZone(ZoneId newZone) {
    return new MutableClock(now, newZone);
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "]";
  }
}
