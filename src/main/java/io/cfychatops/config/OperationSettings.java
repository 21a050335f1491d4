package io.cfychatops.config;

import java.time.Duration;

/**
 * Operation knobs: the longest restore we wait for, whether restores take a safety snapshot first,
 * how long maintenance activation may stay {@code activating}, and the minimum gap between two
 * edits of one progress message.
 */
public record OperationSettings(
    Duration restoreTimeout,
    boolean safetySnapshot,
    Duration maintenanceTimeout,
    Duration progressEditInterval) {
  public static OperationSettings defaults() {
    return new OperationSettings(
        Duration.ofMinutes(60), true, Duration.ofMinutes(10), Duration.ofSeconds(3));
  }
}
