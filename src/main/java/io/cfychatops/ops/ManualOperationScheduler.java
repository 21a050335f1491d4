package io.cfychatops.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory scheduler driven by the caller: {@link #runDue()} ticks every operation due at the
 * clock's now. Single-threaded; for tests, benchmarks and the console demo (not durable).
 */
public final class ManualOperationScheduler implements OperationScheduler {
  private final Clock clock;
  private final Map<String, Instant> due = new HashMap<>();
  private OperationEngine engine;

  public ManualOperationScheduler(Clock clock) {
    this.clock = clock;
  }

  public void bind(OperationEngine engine) {
    this.engine = engine;
  }

  @Override
  public synchronized void schedule(String operationId, Instant at) {
    due.merge(operationId, at, (a, b) -> a.isBefore(b) ? a : b);
  }

  /** Ticks everything due now (including work that becomes due now while running). */
  public int runDue() {
    int ran = 0;
    for (int guard = 0; guard < 10_000; guard++) {
      String next = null;
      synchronized (this) {
        Instant now = clock.instant();
        for (Map.Entry<String, Instant> e : due.entrySet()) {
          if (!e.getValue().isAfter(now)) {
            next = e.getKey();
            break;
          }
        }
        if (next == null) {
          break;
        }
        due.remove(next);
      }
      ran++;
      String id = next;
      engine.advance(id).ifPresent(t -> schedule(id, t));
    }
    engine.pump();
    return ran;
  }

  /** The earliest due time, if anything is scheduled. */
  public synchronized Optional<Instant> nextDue() {
    return due.values().stream().min(Instant::compareTo);
  }

  public synchronized boolean isEmpty() {
    return due.isEmpty();
  }
}
