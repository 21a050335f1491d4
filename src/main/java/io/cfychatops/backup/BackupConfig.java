package io.cfychatops.backup;

import io.cfychatops.cloudify.ManagerName;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the nightly backups. Build with {@link #builder()}; every setting is checked when
 * built and a bad value is named in the exception.
 *
 * @param schedules manager name to its schedule, in display order
 * @param reportsChannel channel id or name the nightly report and dead-man alerts go to
 * @param onCallHandle user-group handle (without {@code @}) named on failures, or null
 * @param retention applied after every successful run, on the manager and in the store
 * @param deadManAge alert when a manager's newest verified copy is older than this
 * @param historyNights how many nights the report's history strip shows
 * @param pollInterval between execution polls
 * @param runTimeout a run that has not finished after this fails (and stops blocking others)
 * @param onTimeGrace a run starting later than this after its due time is a catch-up run
 * @param parallelism how many managers run at once
 */
public record BackupConfig(
    Map<String, NightlySchedule> schedules,
    String reportsChannel,
    String onCallHandle,
    RetentionPolicy retention,
    Duration deadManAge,
    int historyNights,
    Duration pollInterval,
    Duration runTimeout,
    Duration onTimeGrace,
    int parallelism) {

  public static final Duration DEFAULT_DEAD_MAN_AGE = Duration.ofHours(26);
  public static final int DEFAULT_HISTORY_NIGHTS = 14;
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofHours(3);
  public static final Duration DEFAULT_ON_TIME_GRACE = Duration.ofMinutes(10);
  public static final int DEFAULT_PARALLELISM = 8;

  public BackupConfig {
    Objects.requireNonNull(schedules, "schedules");
    if (schedules.isEmpty()) {
      throw new IllegalArgumentException("at least one manager needs a backup schedule");
    }
    schedules.keySet().forEach(ManagerName::require);
    schedules = Collections.unmodifiableMap(new LinkedHashMap<>(schedules));
    if (reportsChannel == null || reportsChannel.isBlank()) {
      throw new IllegalArgumentException("reportsChannel must be set (a channel id or #name)");
    }
    if (onCallHandle != null) {
      onCallHandle = onCallHandle.startsWith("@") ? onCallHandle.substring(1) : onCallHandle;
      if (onCallHandle.isBlank()) {
        onCallHandle = null;
      }
    }
    Objects.requireNonNull(retention, "retention");
    positive(deadManAge, "deadManAge");
    positive(pollInterval, "pollInterval");
    positive(runTimeout, "runTimeout");
    Objects.requireNonNull(onTimeGrace, "onTimeGrace");
    if (historyNights < 1 || historyNights > 90) {
      throw new IllegalArgumentException("historyNights must be 1..90, was " + historyNights);
    }
    if (parallelism < 1 || parallelism > 256) {
      throw new IllegalArgumentException("parallelism must be 1..256, was " + parallelism);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public NightlySchedule schedule(String manager) {
    NightlySchedule s = schedules.get(manager);
    if (s == null) {
      throw new UnknownManagerException(manager, schedules.keySet());
    }
    return s;
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  /** Collects settings; defaults are the {@code DEFAULT_*} constants and 02:00 local. */
  public static final class Builder {
    private final Map<String, NightlySchedule> schedules = new LinkedHashMap<>();
    private String reportsChannel;
    private String onCallHandle;
    private RetentionPolicy retention = RetentionPolicy.DEFAULT;
    private Duration deadManAge = DEFAULT_DEAD_MAN_AGE;
    private int historyNights = DEFAULT_HISTORY_NIGHTS;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Duration runTimeout = DEFAULT_RUN_TIMEOUT;
    private Duration onTimeGrace = DEFAULT_ON_TIME_GRACE;
    private int parallelism = DEFAULT_PARALLELISM;

    private Builder() {}

    public Builder manager(String name, NightlySchedule schedule) {
      schedules.put(name, Objects.requireNonNull(schedule, "schedule"));
      return this;
    }

    /** A manager backed up at 02:00 in {@code zone}. */
    public Builder manager(String name, ZoneId zone) {
      return manager(name, NightlySchedule.daily(zone));
    }

    public Builder reportsChannel(String channel) {
      this.reportsChannel = channel;
      return this;
    }

    public Builder onCall(String handle) {
      this.onCallHandle = handle;
      return this;
    }

    public Builder retention(RetentionPolicy policy) {
      this.retention = policy;
      return this;
    }

    public Builder deadManAge(Duration d) {
      this.deadManAge = d;
      return this;
    }

    public Builder historyNights(int n) {
      this.historyNights = n;
      return this;
    }

    public Builder pollInterval(Duration d) {
      this.pollInterval = d;
      return this;
    }

    public Builder runTimeout(Duration d) {
      this.runTimeout = d;
      return this;
    }

    public Builder onTimeGrace(Duration d) {
      this.onTimeGrace = d;
      return this;
    }

    public Builder parallelism(int n) {
      this.parallelism = n;
      return this;
    }

    public BackupConfig build() {
      return new BackupConfig(
          schedules,
          reportsChannel,
          onCallHandle,
          retention,
          deadManAge,
          historyNights,
          pollInterval,
          runTimeout,
          onTimeGrace,
          parallelism);
    }
  }
}
