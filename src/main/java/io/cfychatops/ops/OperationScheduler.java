package io.cfychatops.ops;

import java.time.Instant;

/**
 * Runs {@link OperationEngine#advance(String)} for an operation at (or after) a given time. The
 * production implementation is {@code scheduling.DbSchedulerOperations} (durable, with failover);
 * {@link ManualOperationScheduler} serves tests and the console.
 */
public interface OperationScheduler {

  /** Makes sure the operation is ticked at {@code at} or earlier if already scheduled sooner. */
  void schedule(String operationId, Instant at);
}
