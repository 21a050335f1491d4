package io.cfychatops.approvals;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import io.cfychatops.chat.ChatUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Bounds the audit rows refused commands cost: per user, the first {@link #perWindow} refusals of a
 * one-minute window are recorded; the rest are counted, and when the window ends one summary row
 * says how many more were refused. A user with no role typing (or scripting) commands cannot grow
 * the append-only audit log by more than {@code perWindow + 1} rows a minute; the refusal reply is
 * unchanged.
 *
 * <p>Windows live in a Caffeine cache whose ticker follows the given clock; a window expires one
 * minute after its first refusal and its summary is written when the cache notices (on the next
 * refusal of anyone, or its scheduler). At most {@link #MAX_USERS} windows are kept; one evicted
 * early still writes its summary. Thread-safe.
 */
final class RefusalThrottle {
  static final Duration WINDOW = Duration.ofMinutes(1);
  static final int DEFAULT_PER_WINDOW = 5;
  static final int MAX_USERS = 10_000;

  /** The refusals of one user in one window, and where the last one was (for the summary). */
  static final class Window {
    final ChatUser user;
    final Instant start;
    int recorded;
    int suppressed;
    String channel = "";
    String manager = "";

    Window(ChatUser user, Instant start) {
      this.user = user;
      this.start = start;
    }
  }

  private final Clock clock;
  private final int perWindow;
  private final Cache<String, Window> windows;

  /**
   * @param summary writes the summary row of a window that had suppressed refusals
   */
  RefusalThrottle(Clock clock, int perWindow, Consumer<Window> summary) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (perWindow < 1) {
      throw new IllegalArgumentException("perWindow must be at least 1, was " + perWindow);
    }
    this.perWindow = perWindow;
    Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
    this.windows =
        Caffeine.newBuilder()
            .ticker(ticker)
            .maximumSize(MAX_USERS)
            .expireAfter(
                new Expiry<String, Window>() {
                  @Override
                  public long expireAfterCreate(String key, Window w, long now) {
                    return untilEnd(w);
                  }

                  @Override
                  public long expireAfterUpdate(String key, Window w, long now, long left) {
                    return untilEnd(w);
                  }

                  @Override
                  public long expireAfterRead(String key, Window w, long now, long left) {
                    return left;
                  }
                })
            .executor(Runnable::run)
            .scheduler(Scheduler.systemScheduler())
            .removalListener(
                (String key, Window w, RemovalCause cause) -> {
                  if (w != null && cause != RemovalCause.REPLACED && w.suppressed > 0) {
                    summary.accept(w);
                  }
                })
            .build();
  }

  private long untilEnd(Window w) {
    return Math.max(
        0, TimeUnit.MILLISECONDS.toNanos(w.start.plus(WINDOW).toEpochMilli() - clock.millis()));
  }

  /**
   * Counts one refusal of {@code who}; true when it is to be recorded (among the first {@link
   * #perWindow} of its window), false when it is only counted for the summary.
   */
  boolean admit(ChatUser who, String channel, String manager) {
    windows.cleanUp(); // write the summaries of windows that ended
    boolean[] record = new boolean[1];
    windows
        .asMap()
        .compute(
            who.id(),
            (id, w) -> {
              Window cur = w == null ? new Window(who, clock.instant()) : w;
              cur.channel = channel == null ? "" : channel;
              cur.manager = manager == null ? "" : manager;
              if (cur.recorded < perWindow) {
                cur.recorded++;
                record[0] = true;
              } else {
                cur.suppressed++;
              }
              return cur;
            });
    return record[0];
  }

  /** Ends every window now, writing the summaries due. */
  void flush() {
    windows.invalidateAll();
    windows.cleanUp();
  }
}
