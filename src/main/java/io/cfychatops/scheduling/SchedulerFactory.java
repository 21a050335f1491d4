package io.cfychatops.scheduling;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.SystemClock;
import com.github.kagkarlsson.scheduler.TaskResolver;
import com.github.kagkarlsson.scheduler.event.SchedulerListeners;
import com.github.kagkarlsson.scheduler.jdbc.JdbcTaskRepository;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.cfychatops.concurrent.Sleeper;
import io.cfychatops.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a db-scheduler {@link Scheduler} on a {@link Database}: cluster-safe schedules and
 * failover of in-flight tasks on the {@code scheduled_tasks} table created by our migrations.
 * Settings are checked when set; defaults are published constants.
 *
 * <p>Failover timing is db-scheduler's own: an execution whose scheduler stopped heartbeating is
 * dead after {@code heartbeat × missedHeartbeats} (defaults 2 s × 4 = 8 s) and found by another
 * scheduler's dead-execution check, which runs every {@code 2 × heartbeat}: a surviving replica
 * takes over within about 12 s plus one polling interval. A process restarted under the same {@link
 * #schedulerName} does not wait for that: {@link #reviveOwnExecutions} hands what its dead
 * predecessor still held back to the tasks' own dead-execution handlers before it starts.
 *
 * <pre>{@code
 * SchedulerFactory f = SchedulerFactory.on(db).schedulerName("bot-1").recurring(nightlyTasks);
 * Scheduler s = f.build(List.of(opsTask));
 * f.reviveOwnExecutions(List.of(opsTask));
 * s.start();
 * }</pre>
 */
public final class SchedulerFactory {
  private static final Logger log = LoggerFactory.getLogger(SchedulerFactory.class);

  public static final String DEFAULT_TABLE = "scheduled_tasks";
  public static final Duration DEFAULT_POLLING_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(2);

  /** db-scheduler's minimum: an execution is dead after this many missed heartbeats. */
  public static final int DEFAULT_MISSED_HEARTBEATS = 4;

  public static final int DEFAULT_THREADS = 4;

  /** db-scheduler truncates {@code picked_by} to this length. */
  static final int PICKED_BY_LENGTH = 50;

  private final Database db;
  private String tableName = DEFAULT_TABLE;
  private Duration pollingInterval = DEFAULT_POLLING_INTERVAL;
  private Duration heartbeat = DEFAULT_HEARTBEAT;
  private int missedHeartbeats = DEFAULT_MISSED_HEARTBEATS;
  private int threads = DEFAULT_THREADS;
  private final List<RecurringTask<?>> recurring = new ArrayList<>();
  private String schedulerName;
  private com.github.kagkarlsson.scheduler.Clock clock;
  private Sleeper sleeper = Sleeper.SYSTEM;

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

  /** Missed heartbeats before an execution counts as dead (db-scheduler allows 4 or more). */
  public SchedulerFactory missedHeartbeats(int n) {
    if (n < 4 || n > 100) {
      throw new IllegalArgumentException("missedHeartbeats must be 4..100, was " + n);
    }
    this.missedHeartbeats = n;
    return this;
  }

  /**
   * Recurring tasks to <em>start</em>: db-scheduler schedules their first execution on start-up (a
   * recurring task that is only registered as a known task never runs).
   */
  public SchedulerFactory recurring(List<? extends RecurringTask<?>> tasks) {
    recurring.addAll(Objects.requireNonNull(tasks, "tasks"));
    return this;
  }

  public SchedulerFactory threads(int n) {
    if (n < 1 || n > 64) {
      throw new IllegalArgumentException("threads must be 1..64, was " + n);
    }
    this.threads = n;
    return this;
  }

  /**
   * Name this instance shows in {@code picked_by} (default: the host name). Stable across restarts
   * of one process, unique among processes sharing the table (see {@link #reviveOwnExecutions}).
   */
  public SchedulerFactory schedulerName(String name) {
    Objects.requireNonNull(name, "schedulerName");
    if (name.isBlank() || name.length() > PICKED_BY_LENGTH) {
      throw new IllegalArgumentException(
          "schedulerName must be 1.." + PICKED_BY_LENGTH + " characters, was `" + name + "`");
    }
    this.schedulerName = name;
    return this;
  }

  /** The name {@code picked_by} will show. */
  public String effectiveSchedulerName() {
    String n = schedulerName != null ? schedulerName : new SchedulerName.Hostname().getName();
    return n.length() > PICKED_BY_LENGTH ? n.substring(0, PICKED_BY_LENGTH) : n;
  }

  /**
   * db-scheduler's clock (tests: {@code
   * com.github.kagkarlsson.scheduler.testhelper.SettableClock}).
   */
  public SchedulerFactory clock(com.github.kagkarlsson.scheduler.Clock c) {
    this.clock = Objects.requireNonNull(c, "clock");
    return this;
  }

  /**
   * How {@link #reviveOwnExecutions} waits out its one-heartbeat observation window (default {@link
   * Sleeper#SYSTEM}). The wait is not a poll for a condition: it gives a live twin process the time
   * to beat once, which only real time can do; tests may pass a recording sleeper.
   */
  public SchedulerFactory sleeper(Sleeper s) {
    this.sleeper = Objects.requireNonNull(s, "sleeper");
    return this;
  }

  /**
   * A configured, not yet started scheduler running {@code tasks} and the {@link #recurring} ones.
   */
  public Scheduler build(List<Task<?>> tasks) {
    SchedulerBuilder b =
        Scheduler.create(db.dataSource(), tasks)
            .tableName(tableName)
            .pollingInterval(pollingInterval)
            .heartbeatInterval(heartbeat)
            .missedHeartbeatsLimit(missedHeartbeats)
            .threads(threads)
            .enableImmediateExecution()
            .schedulerName(new SchedulerName.Fixed(effectiveSchedulerName()));
    if (!recurring.isEmpty()) {
      b.startTasks(new ArrayList<>(recurring));
    }
    if (clock != null) {
      b.clock(clock);
    }
    return b.build();
  }

  /**
   * Revives the executions still marked picked by {@link #effectiveSchedulerName()}: the process
   * that held them under this name is dead (this one has not started yet), so each is handed to its
   * task's dead-execution handler at once, exactly as db-scheduler's own dead-execution check does
   * once a heartbeat is {@code heartbeat × missedHeartbeats} old. Call after {@link #build} and
   * before {@code start()}. Uses db-scheduler's repository on the same table and touches only rows
   * whose {@code picked_by} is this name.
   *
   * <p>Guard against a misconfiguration (two live processes under one name): when there is
   * something to revive, the rows are read twice, one heartbeat interval (plus a margin) apart; if
   * any of their heartbeats moved, a live process holds the name, nothing is revived
   * (db-scheduler's dead-execution check stays in charge) and an error is logged. This costs
   * start-up that one interval, only when the previous process died holding work.
   *
   * @param tasks every task the scheduler knows (those passed to {@link #build}; recurring ones are
   *     added here)
   * @return how many executions were handed back
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public int reviveOwnExecutions(List<Task<?>> tasks) {
    List<Task<?>> known = new ArrayList<>(tasks);
    known.addAll(recurring);
    com.github.kagkarlsson.scheduler.Clock dbClock = clock != null ? clock : new SystemClock();
    String name = effectiveSchedulerName();
    TaskResolver resolver = new TaskResolver(SchedulerListeners.NOOP, dbClock, known);
    JdbcTaskRepository repo =
        new JdbcTaskRepository(
            db.dataSource(),
            true,
            tableName,
            resolver,
            new SchedulerName.Fixed(name),
            false,
            dbClock);
    List<Execution> held = heldBy(repo, name, dbClock);
    if (held.isEmpty()) {
      return 0;
    }
    try {
      // An observation window, not a poll: a live twin needs one heartbeat of real time to show.
      sleeper.sleep(heartbeat.plusMillis(500));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
    java.util.Map<String, Instant> before = new java.util.HashMap<>();
    held.forEach(e -> before.put(e.taskInstance.getTaskAndInstance(), e.lastHeartbeat));
    List<Execution> now = heldBy(repo, name, dbClock);
    for (Execution e : now) {
      Instant was = before.get(e.taskInstance.getTaskAndInstance());
      if (was != null && !was.equals(e.lastHeartbeat)) {
        log.error(
            "Another live process runs as instance `{}` (heartbeat of {} moved): nothing taken back."
                + " Give every replica its own store.instance_name / CFY_CHATOPS_INSTANCE.",
            name,
            e.taskInstance);
        return 0;
      }
    }
    Instant at = dbClock.now();
    int revived = 0;
    for (Execution e : now) {
      Optional<Task> task = resolver.resolve(e);
      if (task.isEmpty()) {
        log.warn(
            "Execution {} held by this instance's previous process has no task here; left to"
                + " db-scheduler",
            e);
        continue;
      }
      log.info("Reviving {} (held by the previous process of `{}`)", e.taskInstance, name);
      task.get()
          .getDeadExecutionHandler()
          .deadExecution(
              ExecutionComplete.failure(e, at, at, null),
              new ExecutionOperations(repo, SchedulerListeners.NOOP, e));
      revived++;
    }
    return revived;
  }

  /** Every execution picked by {@code name}, whatever its heartbeat says. */
  private static List<Execution> heldBy(
      JdbcTaskRepository repo, String name, com.github.kagkarlsson.scheduler.Clock dbClock) {
    return repo.getDeadExecutions(dbClock.now().plus(Duration.ofDays(3650))).stream()
        .filter(e -> name.equals(e.pickedBy))
        .toList();
  }
}
