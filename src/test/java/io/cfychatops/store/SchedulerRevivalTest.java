package io.cfychatops.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.cfychatops.scheduling.SchedulerFactory;
import io.cfychatops.testing.Await;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Resume after kill -9 with db-scheduler's own means, on both engines. A row left picked by a dead
 * process (its heartbeat frozen at the moment of the kill) is taken back at once by the restarted
 * process of the same instance name, and by a surviving replica after {@code heartbeat × missed
 * heartbeats}; a live process with the same name (misconfiguration) is not robbed. Measured times
 * are printed.
 */
class SchedulerRevivalTest {
  static final String OPS = "revival-op";

  private static OneTimeTask<Void> task(CountDownLatch ran) {
    return Tasks.oneTime(OPS).execute((inst, ctx) -> ran.countDown());
  }

  /** Schedules {@code id} and marks it picked by {@code by} with its last heartbeat now. */
  private static void pickedByDeadProcess(TestDb t, OneTimeTask<Void> task, String id, String by) {
    Scheduler client = SchedulerFactory.on(t.db()).schedulerName("setup").build(List.of(task));
    client.schedule(task.instance(id), Instant.now());
    int n =
        t.db()
            .jdbc()
            .update(
                "UPDATE scheduled_tasks SET picked = TRUE, picked_by = ?, last_heartbeat = ?,"
                    + " version = version + 1 WHERE task_name = ? AND task_instance = ?",
                by,
                Timestamp.from(Instant.now()),
                OPS,
                id);
    assertThat(n).isEqualTo(1);
  }

  private static boolean picked(TestDb t, String id) {
    return t.db()
            .jdbc()
            .queryLong(
                "SELECT count(*) FROM scheduled_tasks WHERE task_instance = ? AND picked = TRUE",
                id)
        == 1;
  }

  @EachDatabase
  void theRestartedProcessTakesBackWhatItsDeadPredecessorHeldAtOnce(TestDb t) throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    OneTimeTask<Void> task = task(ran);
    pickedByDeadProcess(t, task, "op-1", "replica-a");
    long t0 = System.nanoTime();
    SchedulerFactory f =
        SchedulerFactory.on(t.db())
            .pollingInterval(Duration.ofMillis(200))
            .schedulerName("replica-a");
    List<Task<?>> tasks = List.of(task);
    Scheduler s = f.build(tasks);
    assertThat(f.reviveOwnExecutions(tasks)).isEqualTo(1);
    s.start();
    try {
      assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      System.out.printf(
          "MEASURED %s: same-name restart resumed a held execution after %d ms%n",
          t, took.toMillis());
      // well before db-scheduler would call it dead (2 s heartbeat x 4 missed = 8 s)
      assertThat(took).isLessThan(Duration.ofSeconds(8));
    } finally {
      s.stop();
    }
  }

  @EachDatabase
  void aSurvivingReplicaTakesOverAfterTheMissedHeartbeats(TestDb t) throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    OneTimeTask<Void> task = task(ran);
    pickedByDeadProcess(t, task, "op-2", "replica-a");
    long t0 = System.nanoTime();
    SchedulerFactory f =
        SchedulerFactory.on(t.db())
            .pollingInterval(Duration.ofMillis(500))
            .schedulerName("replica-b");
    List<Task<?>> tasks = List.of(task);
    Scheduler s = f.build(tasks);
    assertThat(f.reviveOwnExecutions(tasks)).as("not replica-b's to take back").isZero();
    assertThat(picked(t, "op-2")).isTrue();
    s.start();
    try {
      assertThat(ran.await(30, TimeUnit.SECONDS)).as("taken over within 30 s").isTrue();
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      System.out.printf(
          "MEASURED %s: surviving replica took over a dead one's execution after %d ms%n",
          t, took.toMillis());
      assertThat(took).isLessThan(Duration.ofSeconds(20));
    } finally {
      s.stop();
    }
  }

  @EachDatabase
  void aLiveProcessWithTheSameNameIsNotRobbed(TestDb t) throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    OneTimeTask<Void> task = task(ran);
    pickedByDeadProcess(t, task, "op-3", "twin");
    AtomicBoolean alive = new AtomicBoolean(true);
    Thread heartbeat =
        new Thread(
            () -> {
              while (alive.get()) { // the other "twin" keeps heartbeating its execution
                t.db()
                    .jdbc()
                    .update(
                        "UPDATE scheduled_tasks SET last_heartbeat = ? WHERE task_instance = 'op-3'",
                        Timestamp.from(Instant.now()));
                Await.until(Duration.ofMillis(300), () -> !alive.get());
              }
            },
            "twin-heartbeat");
    heartbeat.start();
    try {
      SchedulerFactory f =
          SchedulerFactory.on(t.db()).heartbeat(Duration.ofMillis(800)).schedulerName("twin");
      assertThat(f.reviveOwnExecutions(List.of(task))).isZero();
      assertThat(picked(t, "op-3")).as("still the live twin's").isTrue();
    } finally {
      alive.set(false);
      heartbeat.join(5_000);
    }
    assertThat(ran.getCount()).isEqualTo(1);
  }
}
