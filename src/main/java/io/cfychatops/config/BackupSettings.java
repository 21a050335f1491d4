package io.cfychatops.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Archive store root and the dead-man threshold: alert when a manager has had no verified copy for
 * longer than {@code deadManAfter}; {@code retention} applies to every manager's nightly copies.
 */
public record BackupSettings(Path archiveRoot, Duration deadManAfter, int parallelism, RetentionConfig retention) {
  public static final Duration DEFAULT_DEAD_MAN_AFTER = Duration.ofHours(26);
}
