package io.cfychatops.backup;

import io.cfychatops.chat.ChatPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts when a manager has had no verified copy for longer than {@code maxAge}, whatever the
 * nightly task did: it reads only the catalog and the clock, so it fires also when the bot missed
 * the run itself. Run {@link #runOnce()} periodically, independently of the nightly task.
 *
 * <p>An alert is posted when a manager becomes stale and again every {@code repeatEvery} while it
 * stays stale; which managers were alerted is kept in memory, so a restart (or another replica) may
 * repeat an alert once. A manager with no verified copy at all is alerted once the check has been
 * running for {@code maxAge} (a fresh install is not stale at once).
 */
public final class DeadManCheck {
  private static final Logger log = LoggerFactory.getLogger(DeadManCheck.class);

  /** A stale manager; {@code newestVerified} and {@code age} are null when there is no copy. */
  public record Alert(String manager, CatalogEntry newestVerified, Duration age, Duration maxAge) {}

  private final Collection<String> managers;
  private final BackupCatalog catalog;
  private final Duration maxAge;
  private final Duration repeatEvery;
  private final ChatPort chat;
  private final String channel;
  private final String onCallHandle;
  private final Clock clock;
  private final Instant startedAt;
  private final Map<String, Instant> lastAlerted = new ConcurrentHashMap<>();

  public DeadManCheck(
      BackupConfig config,
      BackupCatalog catalog,
      ChatPort chat,
      Duration repeatEvery,
      Clock clock) {
    this.managers = List.copyOf(config.schedules().keySet());
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.maxAge = config.deadManAge();
    this.repeatEvery = Objects.requireNonNull(repeatEvery, "repeatEvery");
    this.chat = chat;
    this.channel = config.reportsChannel();
    this.onCallHandle = config.onCallHandle();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.startedAt = clock.instant();
  }

  /** Managers stale right now. Pure apart from reading the catalog. */
  public List<Alert> check() {
    Instant now = clock.instant();
    List<Alert> out = new ArrayList<>();
    for (String m : managers) {
      Optional<CatalogEntry> newest = catalog.newestVerified(m);
      if (newest.isPresent()) {
        Duration age = Duration.between(newest.get().createdAt(), now);
        if (age.compareTo(maxAge) > 0) {
          out.add(new Alert(m, newest.get(), age, maxAge));
        }
      } else if (Duration.between(startedAt, now).compareTo(maxAge) > 0) {
        out.add(new Alert(m, null, null, maxAge));
      }
    }
    return out;
  }

  /**
   * When this process last posted the alert of {@code manager} (empty when it has not, or a later
   * check found the manager fresh again). {@link DeadManAlarm} keeps the alarm Slack would post one
   * repeat interval after it, so the two never post the same alert twice.
   */
  public Optional<Instant> lastAlerted(String manager) {
    return Optional.ofNullable(lastAlerted.get(manager));
  }

  /** The interval at which an alert repeats while its manager stays stale. */
  public Duration repeatEvery() {
    return repeatEvery;
  }

  /** Checks and posts the alerts that are new or due for repeating; returns what was posted. */
  public List<Alert> runOnce() {
    Instant now = clock.instant();
    List<Alert> stale = check();
    List<String> staleNames = stale.stream().map(Alert::manager).toList();
    lastAlerted.keySet().retainAll(staleNames); // recovered managers alert afresh next time
    List<Alert> posted = new ArrayList<>();
    for (Alert a : stale) {
      Instant last = lastAlerted.get(a.manager());
      if (last != null && Duration.between(last, now).compareTo(repeatEvery) < 0) {
        continue;
      }
      try {
        if (chat != null) {
          chat.post(channel, BackupMessages.deadMan(a, onCallHandle));
        }
        lastAlerted.put(a.manager(), now);
        posted.add(a);
      } catch (RuntimeException e) {
        log.error("Could not post the dead-man alert for {}: {}", a.manager(), e.getMessage());
      }
    }
    return posted;
  }
}
