package io.cfychatops.backup;

import io.cfychatops.concurrent.Sleeper;
import io.cfychatops.ops.InMemoryOperationStore;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.ManualOperationScheduler;
import io.cfychatops.ops.OperationEngine;
import io.cfychatops.ops.OperationStore;
import io.cfychatops.ops.OpsConfig;
import io.cfychatops.testing.RecordingChatPort;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A nightly service on an operation engine ticked by a {@link ManualOperationScheduler}: waiting
 * for a run ticks the scheduler and moves time on with {@code advance} (a settable clock's sleeper)
 * to the next due tick. Single-threaded per service.
 */
public final class ManualNightly {
  private ManualNightly() {}

  /** A builder with {@code managers} and a fresh in-memory engine on them that waiting drives. */
  public static NightlyService.Builder builder(Clock clock, Sleeper advance, ManagerPort managers) {
    return builder(engine(clock, managers, new InMemoryOperationStore()), advance);
  }

  /** A builder on {@code e}'s engine (its manager port) that waiting drives. */
  public static NightlyService.Builder builder(Engine e, Sleeper advance) {
    return NightlyService.builder()
        .managers(e.managers())
        .engine(e.engine())
        .clock(e.clock())
        .completion(e.completion(advance));
  }

  /** An engine on {@code store} (nightly operations are quiet: the chat port hears nothing). */
  public static Engine engine(Clock clock, ManagerPort managers, OperationStore store) {
    ManualOperationScheduler scheduler = new ManualOperationScheduler(clock);
    OperationEngine engine =
        new OperationEngine(
            store,
            managers,
            new RecordingChatPort(clock),
            clock,
            OpsConfig.defaults("#ops", Path.of("unused")));
    engine.attach(scheduler);
    return new Engine(engine, scheduler, managers, clock);
  }

  /** An engine, the scheduler that ticks it and the manager port it calls. */
  public record Engine(
      OperationEngine engine,
      ManualOperationScheduler scheduler,
      ManagerPort managers,
      Clock clock) {
    /** Ticks until the runs ended: runs what is due, then sleeps to the next due tick. */
    public NightlyCompletion completion(Sleeper advance) {
      return (ids, limit) -> {
        Instant deadline = clock.instant().plus(limit);
        while (!ended(ids) && clock.instant().isBefore(deadline)) {
          scheduler.runDue();
          if (ended(ids)) {
            return;
          }
          Instant next =
              scheduler
                  .nextDue()
                  .orElseThrow(
                      () -> new IllegalStateException("runs pending but nothing scheduled"));
          Duration d = Duration.between(clock.instant(), next);
          if (!d.isNegative() && !d.isZero()) {
            advance.sleep(d);
          }
        }
      };
    }

    private boolean ended(List<String> ids) {
      return ids.stream()
          .allMatch(id -> engine.find(id).map(o -> o.status().isFinal()).orElse(true));
    }
  }
}
