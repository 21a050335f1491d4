package io.cfychatops.backup;

import io.cfychatops.ops.Operation;
import io.cfychatops.ops.OperationEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How {@link NightlyService#runDue} and {@link NightlyService#runNow} wait for the nightly
 * operations they started: the deployed bot waits for the engine to end them ({@link #onEngine});
 * tests and the console demo tick a manual scheduler.
 */
@FunctionalInterface
public interface NightlyCompletion {
  /** Returns once every operation of {@code ids} ended, or {@code limit} passed. */
  void await(List<String> ids, Duration limit) throws InterruptedException;

  /**
   * The deployed wait: woken by the engine's finish listener through {@code awaited} when this
   * process ends a run, and reading the operation store every {@code recheck} in case another
   * replica ended it.
   */
  static NightlyCompletion onEngine(
      OperationEngine engine,
      Map<String, CompletableFuture<Operation>> awaited,
      Duration recheck,
      Clock clock) {
    return (ids, limit) -> {
      Instant deadline = clock.instant().plus(limit);
      for (String id : ids) {
        CompletableFuture<Operation> f =
            awaited.computeIfAbsent(id, k -> new CompletableFuture<>());
        while (!engine.find(id).map(o -> o.status().isFinal()).orElse(true)
            && clock.instant().isBefore(deadline)) {
          try {
            f.get(recheck.toMillis(), TimeUnit.MILLISECONDS);
          } catch (TimeoutException | ExecutionException e) {
            // not ended in this process; the store says whether another replica ended it
          }
        }
      }
    };
  }
}
