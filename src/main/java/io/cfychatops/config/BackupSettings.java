package io.cfychatops.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Archive store root and the dead-man threshold: alert when a manager has had no verified copy for
 * longer than {@code deadManAfter}; {@code retention} applies to every manager's nightly copies;
 * {@code tick} is how often the bot looks for a due nightly slot (a slot fires at most one tick
 * late; a look when nothing is due costs no database write); {@code offsite} is the off-site target
 * ({@code backups.offsite}), null when off-site copies are off.
 */
public record BackupSettings(
    Path archiveRoot,
    Duration deadManAfter,
    int parallelism,
    RetentionConfig retention,
    Duration tick,
    OffsiteConfig offsite) {
  public static final Duration DEFAULT_DEAD_MAN_AFTER = Duration.ofHours(26);
  public static final Duration DEFAULT_TICK = Duration.ofSeconds(5);
  public static final Duration MIN_TICK = Duration.ofSeconds(1);
  public static final Duration MAX_TICK = Duration.ofMinutes(5);

  /** Settings without an off-site target. */
  public BackupSettings(
      Path archiveRoot,
      Duration deadManAfter,
      int parallelism,
      RetentionConfig retention,
      Duration tick) {
    this(archiveRoot, deadManAfter, parallelism, retention, tick, null);
  }

  /** The off-site target, when configured. */
  public Optional<OffsiteConfig> offsiteTarget() {
    return Optional.ofNullable(offsite);
  }
}
