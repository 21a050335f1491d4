package io.cfychatops.backup;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * When a manager's nightly run is due: a cron expression (six fields, seconds first, as
 * db-scheduler and Spring read it) in a time zone, plus an optional jitter that spreads managers
 * out.
 *
 * <p>A <em>slot</em> is an instant the cron expression names (02:00 local, say). A slot's run is
 * due at {@code slot + jitterFor(manager, slot)}; the jitter is a deterministic function of manager
 * and slot, so every replica computes the same due time. Pure apart from cron evaluation; all
 * "now"s are arguments. Immutable and thread-safe.
 */
public final class NightlySchedule {
  /** 02:00 every day. */
  public static final String DEFAULT_CRON = "0 0 2 * * *";

  /** Longest allowed jitter; a run must start well before the next nightly slot. */
  public static final Duration MAX_JITTER = Duration.ofHours(6);

  private static final Duration[] LOOKBACK = {
    Duration.ofHours(1),
    Duration.ofDays(1),
    Duration.ofDays(8),
    Duration.ofDays(32),
    Duration.ofDays(367)
  };

  private final String cron;
  private final ZoneId zone;
  private final Duration jitter;
  private final CronSchedule schedule;
  private final boolean enabled;

  public NightlySchedule(String cron, ZoneId zone, Duration jitter) {
    this(cron, zone, jitter, true);
  }

  /**
   * @param enabled false ({@code schedule.enabled: false}): no nightly run is ever due; the cron
   *     still names the zone and slot times shown in status and used by retention
   */
  public NightlySchedule(String cron, ZoneId zone, Duration jitter, boolean enabled) {
    this.enabled = enabled;
    this.cron = Objects.requireNonNull(cron, "cron").strip();
    this.zone = Objects.requireNonNull(zone, "zone");
    this.jitter = jitter == null ? Duration.ZERO : jitter;
    if (this.jitter.isNegative() || this.jitter.compareTo(MAX_JITTER) > 0) {
      throw new IllegalArgumentException(
          "jitter must be between 0 and " + MAX_JITTER + ", was " + this.jitter);
    }
    try {
      this.schedule = new CronSchedule(this.cron, zone);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cron expression `"
              + cron
              + "` is not valid (six fields, seconds first, e.g. `"
              + DEFAULT_CRON
              + "`): "
              + e.getMessage(),
          e);
    }
    if (schedule.isDisabled()) {
      throw new IllegalArgumentException("cron expression `" + cron + "` never fires");
    }
  }

  /** 02:00 every day in {@code zone}, no jitter. */
  public static NightlySchedule daily(ZoneId zone) {
    return new NightlySchedule(DEFAULT_CRON, zone, Duration.ZERO);
  }

  public String cron() {
    return cron;
  }

  public ZoneId zone() {
    return zone;
  }

  public Duration jitter() {
    return jitter;
  }

  /** False when the nightly run is switched off ({@code schedule.enabled: false}). */
  public boolean enabled() {
    return enabled;
  }

  /** The first slot strictly after {@code after}. */
  public Instant nextSlot(Instant after) {
    return schedule.getNextExecutionTime(ExecutionComplete.simulatedSuccess(after));
  }

  /** The latest slot at or before {@code atOrBefore}, if one exists within about a year. */
  public Optional<Instant> previousSlot(Instant atOrBefore) {
    for (Duration back : LOOKBACK) {
      Instant t = nextSlot(atOrBefore.minus(back));
      if (t.isAfter(atOrBefore)) {
        continue;
      }
      Instant last = t;
      for (Instant n = nextSlot(t); !n.isAfter(atOrBefore); n = nextSlot(n)) {
        last = n;
      }
      return Optional.of(last);
    }
    return Optional.empty();
  }

  /** A stable offset in {@code [0, jitter)}, whole seconds, the same on every replica. */
  public Duration jitterFor(String manager, Instant slot) {
    long seconds = jitter.getSeconds();
    if (seconds <= 0) {
      return Duration.ZERO;
    }
    CRC32 crc = new CRC32();
    crc.update((manager + "@" + slot).getBytes(StandardCharsets.UTF_8));
    return Duration.ofSeconds(crc.getValue() % seconds);
  }

  public Instant dueAt(String manager, Instant slot) {
    return slot.plus(jitterFor(manager, slot));
  }

  /**
   * What to do at {@code now}: the latest slot is due once {@code now} reaches its due time. A run
   * that starts more than {@code onTimeGrace} after the due time is a catch-up (the bot was down or
   * busy at the slot). Whether the slot already ran is not known here: the run log's claim decides.
   */
  public SlotDecision decide(String manager, Instant now, Duration onTimeGrace) {
    if (!enabled) {
      Instant next = nextSlot(now);
      return new SlotDecision(next, dueAt(manager, next), false, false);
    }
    Optional<Instant> prev = previousSlot(now);
    if (prev.isPresent()) {
      Instant due = dueAt(manager, prev.get());
      if (!now.isBefore(due)) {
        boolean catchUp = now.isAfter(due.plus(onTimeGrace));
        return new SlotDecision(prev.get(), due, true, catchUp);
      }
      return new SlotDecision(prev.get(), due, false, false);
    }
    Instant next = nextSlot(now);
    return new SlotDecision(next, dueAt(manager, next), false, false);
  }

  /** The slot's local time, e.g. {@code 02:00}, as reports show it. */
  public String localTime(Instant slot) {
    return DateTimeFormatter.ofPattern("HH:mm").format(slot.atZone(zone));
  }

  /**
   * A db-scheduler {@link Schedule} firing at each slot's due time for {@code manager}, for a
   * recurring task that calls {@link NightlyService#startDue()}.
   */
  public Schedule asDbSchedulerSchedule(String manager) {
    NightlySchedule self = this;
    return new Schedule() {
      @Override
      public Instant getNextExecutionTime(ExecutionComplete done) {
        Instant after = done.getTimeDone();
        // the slot whose due time is after `after`: today's may still be pending inside its jitter
        Optional<Instant> prev = previousSlot(after);
        if (prev.isPresent() && dueAt(manager, prev.get()).isAfter(after)) {
          return dueAt(manager, prev.get());
        }
        Instant next = nextSlot(after);
        return dueAt(manager, next);
      }

      @Override
      public boolean isDeterministic() {
        return true;
      }

      @Override
      public String toString() {
        return "nightly(" + self + ")";
      }
    };
  }

  @Override
  public String toString() {
    return "`"
        + cron
        + "` "
        + zone
        + (jitter.isZero() ? "" : " jitter " + jitter)
        + (enabled ? "" : " (off)");
  }

  /**
   * @param slot the slot in question
   * @param dueAt when its run is due (slot plus jitter)
   * @param due whether the run should start now
   * @param catchUp whether starting now is late enough to call it a catch-up run
   */
  public record SlotDecision(Instant slot, Instant dueAt, boolean due, boolean catchUp) {}
}
