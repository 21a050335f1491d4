package io.cfychatops.config;

import java.time.Duration;
import java.time.ZoneId;

/**
 * When the nightly backup runs: a cron expression (seconds first, db-scheduler style) in a zone.
 */
public record ScheduleConfig(boolean enabled, String cron, ZoneId zone, Duration jitter) {
  public static final String DEFAULT_CRON = "0 0 2 * * *";

  public static ScheduleConfig defaults() {
    return new ScheduleConfig(true, DEFAULT_CRON, ZoneId.systemDefault(), Duration.ZERO);
  }
}
