package io.cfychatops.scheduling;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.cfychatops.backup.DeadManAlarm;
import io.cfychatops.backup.DeadManCheck;
import io.cfychatops.backup.NightlyService;
import io.cfychatops.drill.DrillService;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * db-scheduler recurring tasks for the composition root to register with the scheduler built by
 * {@code SchedulerFactory} (same database as the run log).
 *
 * <ul>
 *   <li>{@value #NIGHTLY_TASK}: every {@code tick} ({@code backups.tick}, 5 s by default, so a
 *       seconds cron fires on time; a tick with nothing due writes nothing), calls {@link
 *       NightlyService#startDue()} (the runs are engine operations and report when they end).
 *       db-scheduler hands each execution to one replica; the run log's claim on {@code (manager,
 *       slot)} makes each slot run exactly once even if two ticks race. A tick rather than one cron
 *       task per manager keeps jitter, catch-up after downtime and "wait while a manual run is in
 *       progress" in one tested place ({@code NightlySchedule}).
 *   <li>{@value #DEAD_MAN_TASK}: every {@code every}, calls {@link DeadManCheck#runOnce()},
 *       independent of the nightly task, and then {@link DeadManAlarm#tick()} (the alarm Slack
 *       posts if the bot dies is moved on after the live check had its say).
 * </ul>
 *
 * <p>Both must be <em>started</em> (db-scheduler's {@code startTasks}, e.g. {@code
 * SchedulerFactory#recurring}); registering them as known tasks only never runs them. Handlers
 * catch everything so one bad pass never stops the recurrence.
 */
public final class BackupTasks {
  public static final String NIGHTLY_TASK = "cfy-backup-nightly-tick";
  public static final String DEAD_MAN_TASK = "cfy-backup-dead-man";
  public static final String DRILL_TASK = "cfy-drill-tick";

  private static final Logger log = LoggerFactory.getLogger(BackupTasks.class);

  private BackupTasks() {}

  /**
   * How often the dead-man check runs: a tenth of the alert age, between one tick and 15 minutes.
   */
  public static Duration deadManEvery(Duration deadManAge, Duration tick) {
    Duration d = deadManAge.dividedBy(10);
    if (d.compareTo(tick) < 0) {
      return tick;
    }
    Duration max = Duration.ofMinutes(15);
    return d.compareTo(max) > 0 ? max : d;
  }

  public static List<RecurringTask<Void>> create(
      NightlyService service, DeadManCheck deadMan, Duration tick, Duration deadManEvery) {
    return create(service, deadMan, null, tick, deadManEvery);
  }

  /** As above; {@code alarm} (nullable) is ticked right after each dead-man check. */
  public static List<RecurringTask<Void>> create(
      NightlyService service,
      DeadManCheck deadMan,
      DeadManAlarm alarm,
      Duration tick,
      Duration deadManEvery) {
    RecurringTask<Void> nightly =
        Tasks.recurring(NIGHTLY_TASK, Schedules.fixedDelay(tick))
            .execute(
                (instance, ctx) -> {
                  try {
                    service.startDue(); // the runs report when they end
                  } catch (RuntimeException e) {
                    log.error("Nightly tick failed; the next tick retries", e);
                  }
                });
    RecurringTask<Void> check =
        Tasks.recurring(DEAD_MAN_TASK, Schedules.fixedDelay(deadManEvery))
            .execute(
                (instance, ctx) -> {
                  try {
                    deadMan.runOnce();
                  } catch (RuntimeException e) {
                    log.error("Dead-man check failed; the next pass retries", e);
                  }
                  if (alarm != null) {
                    alarm.tick(); // never throws
                  }
                });
    return List.of(nightly, check);
  }

  /**
   * {@value #DRILL_TASK}: every {@code tick}, starts the restore drills whose {@code drill.cron}
   * slot is due ({@code DrillService#startDue}: one drill per slot across replicas), as the nightly
   * tick starts the nightly runs.
   */
  public static RecurringTask<Void> drills(DrillService drills, Duration tick) {
    return Tasks.recurring(DRILL_TASK, Schedules.fixedDelay(tick))
        .execute(
            (instance, ctx) -> {
              try {
                drills.startDue(); // the drills report when they end
              } catch (RuntimeException e) {
                log.error("Drill tick failed; the next tick retries", e);
              }
            });
  }
}
