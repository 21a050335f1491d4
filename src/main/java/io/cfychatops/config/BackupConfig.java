package io.cfychatops.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Archive store root and the dead-man threshold: alert when a manager has had no verified copy for
 * longer than {@code deadManAfter}.
 */
public record BackupConfig(Path archiveRoot, Duration deadManAfter, int parallelism) {
  public static final Duration DEFAULT_DEAD_MAN_AFTER = Duration.ofHours(26);
}
