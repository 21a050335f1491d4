package io.cfychatops.ops;

import io.cfychatops.testing.RecordingChatPort;
import io.cfychatops.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Wires an engine with a manual scheduler, a fake chat and a driven clock. */
final class Harness {
  final java.time.Clock clock;
  private final java.util.function.Consumer<Instant> setTime;
  final RecordingChatPort chat;
  final InMemoryOperationStore store = new InMemoryOperationStore();
  final ManualOperationScheduler scheduler;
  final ManagerPort api;
  final OperationEngine engine;

  Harness(ManagerPort api, OpsConfig config, SettableClock clock) {
    this(api, config, clock, clock::set);
  }

  Harness(
      ManagerPort api,
      OpsConfig config,
      java.time.Clock clock,
      java.util.function.Consumer<Instant> setTime) {
    this.clock = clock;
    this.setTime = setTime;
    this.chat = new RecordingChatPort(clock);
    this.scheduler = new ManualOperationScheduler(clock);
    this.api = api;
    this.engine = new OperationEngine(store, api, chat, clock, config).attach(scheduler);
  }

  static OpsConfig config(Path root) {
    return OpsConfig.defaults("#ops", root);
  }

  void advance(Duration d) {
    setTime.accept(clock.instant().plus(d));
  }

  /** Runs due work, jumping the clock to the next due time, until the operation ends. */
  Operation runToEnd(String id, Duration limit) {
    Instant stop = clock.instant().plus(limit);
    while (clock.instant().isBefore(stop)) {
      scheduler.runDue();
      Operation op = store.find(id).orElseThrow();
      if (op.status().isFinal()) {
        // let pending chat traffic drain for up to two simulated minutes
        for (int i = 0; i < 120 && engine.progressDue() != null; i++) {
          advance(Duration.ofSeconds(1));
          engine.pump();
        }
        return store.find(id).orElseThrow();
      }
      Instant next = scheduler.nextDue().orElse(null);
      Instant p = engine.progressDue();
      if (p != null && (next == null || p.isBefore(next))) {
        next = p;
      }
      if (next == null) {
        return op;
      }
      setTime.accept(next.isAfter(clock.instant()) ? next : clock.instant().plusMillis(1));
    }
    throw new AssertionError(
        "operation " + id + " did not end within " + limit + ": " + store.find(id).orElseThrow());
  }
}
