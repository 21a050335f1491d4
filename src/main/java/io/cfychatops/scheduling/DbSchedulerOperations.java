package io.cfychatops.scheduling;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.cfychatops.ops.OperationEngine;
import io.cfychatops.ops.OperationScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs operations as db-scheduler task instances keyed by operation id: each execution of the task
 * is one {@link OperationEngine#advance} tick, after which the instance is rescheduled to the next
 * due time (or removed when the operation ended).
 *
 * <p>Failover is db-scheduler's: an instance picked by a process that dies stops heartbeating and
 * is revived by another scheduler on the same database (its dead-execution detection), or at once
 * by the same instance name restarted ({@code SchedulerFactory#reviveOwnExecutions}); both go
 * through this task's dead-execution handler. A tick that throws is retried after {@link
 * #RETRY_AFTER_FAILURE}. Usage:
 *
 * <pre>{@code
 * DbSchedulerOperations ops = new DbSchedulerOperations(engine);
 * Scheduler s = Scheduler.create(dataSource, ops.task()).build();   // or SchedulerFactory
 * ops.bind(s); s.start(); engine.resumeUnfinished();
 * }</pre>
 */
public final class DbSchedulerOperations implements OperationScheduler {
  private static final Logger log = LoggerFactory.getLogger(DbSchedulerOperations.class);
  public static final String TASK_NAME = "cfy-operation";
  public static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

  private final OperationEngine engine;
  private final CustomTask<Void> task;
  private SchedulerClient client;

  public DbSchedulerOperations(OperationEngine engine) {
    this.engine = engine;
    this.task =
        Tasks.custom(TASK_NAME, Void.class)
            // Revive on the engine's clock (db-scheduler's own reviver uses the wall clock).
            .onDeadExecution(
                (complete, ops) -> {
                  log.warn(
                      "Operation {} was being run by a scheduler that stopped heartbeating; resuming",
                      complete.getExecution().taskInstance.getId());
                  ops.reschedule(complete, engine.clock().instant());
                })
            .onFailureReschedule(FixedDelay.of(RETRY_AFTER_FAILURE))
            .execute(
                (instance, ctx) -> {
                  Optional<Instant> next = engine.advance(instance.getId());
                  if (next.isPresent()) {
                    Instant at = next.get();
                    return (complete, ops) -> ops.reschedule(complete, at);
                  }
                  return new CompletionHandler.OnCompleteRemove<>();
                });
    engine.attach(this);
  }

  /** The task to register with the scheduler. */
  public CustomTask<Void> task() {
    return task;
  }

  /** The scheduler (or client) that owns the table; call before submitting. */
  public DbSchedulerOperations bind(SchedulerClient client) {
    this.client = client;
    return this;
  }

  @Override
  public void schedule(String operationId, Instant at) {
    if (client == null) {
      throw new IllegalStateException("DbSchedulerOperations.bind(scheduler) was not called");
    }
    TaskInstance<Void> inst = task.instance(operationId);
    if (!client.scheduleIfNotExists(inst, at)) {
      try {
        client
            .getScheduledExecution(inst)
            .filter(e -> !e.isPicked() && e.getExecutionTime().isAfter(at))
            .ifPresent(e -> client.reschedule(inst, at));
      } catch (RuntimeException e) {
        log.debug(
            "Operation {} is already scheduled; not moved earlier: {}", operationId, e.toString());
      }
    }
  }
}
