package io.cfychatops.store;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Builds a db-scheduler {@link Scheduler} on a {@link Database}: cluster-safe schedules and
 * failover of in-flight tasks on the {@code scheduled_tasks} table created by our migrations.
 * Settings are checked when set; defaults are published constants.
 *
 * <pre>{@code
 * Scheduler s = SchedulerFactory.on(db).threads(4).build(List.of(nightlyTask));
 * s.start();
 * }</pre>
 */
public final class SchedulerFactory {
  public static final String DEFAULT_TABLE = "scheduled_tasks";
  public static final Duration DEFAULT_POLLING_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofMinutes(1);
  public static final int DEFAULT_THREADS = 4;

  private final Database db;
  private String tableName = DEFAULT_TABLE;
  private Duration pollingInterval = DEFAULT_POLLING_INTERVAL;
  private Duration heartbeat = DEFAULT_HEARTBEAT;
  private int threads = DEFAULT_THREADS;
  private String schedulerName;
  private com.github.kagkarlsson.scheduler.Clock clock;

  private SchedulerFactory(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  public static SchedulerFactory on(Database db) {
    return new SchedulerFactory(db);
  }

  public SchedulerFactory tableName(String name) {
    if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("tableName must be a plain SQL identifier, was " + name);
    }
    this.tableName = name;
    return this;
  }

  public SchedulerFactory pollingInterval(Duration d) {
    if (d == null || d.toMillis() < 10) {
      throw new IllegalArgumentException("pollingInterval must be >= 10ms, was " + d);
    }
    this.pollingInterval = d;
    return this;
  }

  public SchedulerFactory heartbeat(Duration d) {
    if (d == null || d.toMillis() < 100) {
      throw new IllegalArgumentException("heartbeat must be >= 100ms, was " + d);
    }
    this.heartbeat = d;
    return this;
  }

  public SchedulerFactory threads(int n) {
    if (n < 1 || n > 64) {
      throw new IllegalArgumentException("threads must be 1..64, was " + n);
    }
    this.threads = n;
    return this;
  }

  /** Name this instance shows in {@code picked_by} (default: the host name). */
  public SchedulerFactory schedulerName(String name) {
    this.schedulerName = Objects.requireNonNull(name, "schedulerName");
    return this;
  }

  /** db-scheduler's clock (tests: {@code com.github.kagkarlsson.scheduler.testhelper.SettableClock}). */
  public SchedulerFactory clock(com.github.kagkarlsson.scheduler.Clock c) {
    this.clock = Objects.requireNonNull(c, "clock");
    return this;
  }

  /** A configured, not yet started scheduler running {@code tasks}. */
  public Scheduler build(List<Task<?>> tasks) {
    SchedulerBuilder b =
        Scheduler.create(db.dataSource(), tasks)
            .tableName(tableName)
            .pollingInterval(pollingInterval)
            .heartbeatInterval(heartbeat)
            .threads(threads)
            .enableImmediateExecution();
    if (schedulerName != null) {
      b.schedulerName(new SchedulerName.Fixed(schedulerName));
    }
    if (clock != null) {
      b.clock(clock);
    }
    return b.build();
  }
}
