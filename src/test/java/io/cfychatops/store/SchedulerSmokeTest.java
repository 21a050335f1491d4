package io.cfychatops.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.cfychatops.scheduling.SchedulerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** db-scheduler runs a one-time task on our schema, on both engines. */
class SchedulerSmokeTest {

  @EachDatabase
  void oneTimeTaskRunsOnThisEngine(TestDb t) throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    AtomicReference<String> data = new AtomicReference<>();
    OneTimeTask<String> task =
        Tasks.oneTime("smoke", String.class)
            .execute(
                (inst, ctx) -> {
                  data.set(inst.getData());
                  ran.countDown();
                });
    Scheduler scheduler =
        SchedulerFactory.on(t.db())
            .pollingInterval(Duration.ofMillis(50))
            .heartbeat(Duration.ofMillis(500))
            .threads(2)
            .schedulerName("smoke-test")
            .build(List.of(task));
    scheduler.start();
    try {
      scheduler.schedule(task.instance("i-1", "hello " + t), Instant.now());
      assertThat(ran.await(30, TimeUnit.SECONDS)).as("task ran within 30s").isTrue();
      assertThat(data.get()).isEqualTo("hello " + t);
    } finally {
      scheduler.stop();
    }
    // A completed one-time task is removed from the table.
    assertThat(
            t.db()
                .jdbc()
                .queryLong("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'smoke'"))
        .isZero();
  }
}
