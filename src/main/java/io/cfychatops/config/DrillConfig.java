package io.cfychatops.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A manager's restore drill ({@code managers[].drill}): which stored copy is restored onto which
 * scratch manager, when, and how long it may take.
 *
 * @param cron when scheduled drills run (six fields, seconds first, as {@code schedule.cron});
 *     null: only on demand ({@code /cfy drills run})
 * @param zone the zone {@code cron} is read in
 * @param target the scratch manager ({@code scratch: true}) the copy is restored onto
 * @param pick which verified copy: the newest, or a random one of the last {@code window}
 * @param window for {@link Pick#RANDOM_WITHIN}: how far back copies are eligible
 * @param timeout the whole drill's limit; past it the drill ends {@code TIMED_OUT}
 * @param maxAge the nightly report flags the manager when its last successful drill is older
 */
public record DrillConfig(
    @Nullable String cron,
    ZoneId zone,
    String target,
    Pick pick,
    Duration window,
    Duration timeout,
    Duration maxAge) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(2);
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(14);

  /** Which verified copy a drill restores. */
  public enum Pick {
    LATEST,
    RANDOM_WITHIN
  }

  public DrillConfig {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(pick, "pick");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(maxAge, "maxAge");
  }

  /** How the pick reads in the config: {@code latest} or {@code random_within: 7d}. */
  public String pickText() {
    return pick == Pick.LATEST ? "latest" : "random_within: " + window.toDays() + "d";
  }
}
