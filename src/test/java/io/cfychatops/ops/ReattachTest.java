package io.cfychatops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.store.EachDatabase;
import io.cfychatops.store.JdbcOperationStore;
import io.cfychatops.store.TestDb;
import io.cfychatops.testing.FakeManager;
import io.cfychatops.testing.RecordingChatPort;
import io.cfychatops.testing.SettableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed around a non-idempotent call: the engine dies (an {@link Error} nothing catches)
 * right before or right after its restore POST or create PUT reached the manager, and a fresh
 * engine on the same store resumes the operation. The POST/PUT is never sent a second time: the
 * fresh engine re-attaches to the execution (also through the REST outage), and with no evidence
 * that the request arrived it fails honestly and turns maintenance mode off. Over the in-memory
 * store and over the real store on both engines.
 */
class ReattachTest {
  @TempDir Path tmp;
  SettableClock clock = SettableClock.at(Instant.parse("2026-03-01T10:00:00Z"));

  /** The process dies here. */
  static final class Killed extends Error {
    Killed() {
      super("killed (-9)");
    }
  }

  /**
   * {@code delegate}, except that the process dies right before or right after the first {@code
   * method}.
   */
  static ManagerPort dyingAt(ManagerPort delegate, String method, boolean afterTheCall) {
    boolean[] dead = {false};
    return (ManagerPort)
        Proxy.newProxyInstance(
            ManagerPort.class.getClassLoader(),
            new Class<?>[] {ManagerPort.class},
            (proxy, m, args) -> {
              if (m.getDeclaringClass() == Object.class) {
                return m.invoke(delegate, args);
              }
              if (dead[0]) {
                throw new Killed();
              }
              boolean fatal = m.getName().equals(method);
              if (fatal && !afterTheCall) {
                dead[0] = true;
                throw new Killed();
              }
              Object r;
              try {
                r = m.invoke(delegate, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              if (fatal) {
                dead[0] = true;
                throw new Killed(); // the call reached the manager; its answer is lost with the
                // process
              }
              return r;
            });
  }

  private OperationEngine engine(
      OperationStore store, ManagerPort api, RecordingChatPort chat, ManualOperationScheduler s) {
    return new OperationEngine(store, api, chat, clock, OpsConfig.defaults("#ops", tmp)).attach(s);
  }

  /** Runs {@code id} on a first engine until it dies; returns when it did. */
  private void runUntilKilled(
      OperationStore store,
      ManagerPort dying,
      RecordingChatPort chat,
      String[] id,
      OperationRequest req) {
    ManualOperationScheduler s = new ManualOperationScheduler(clock);
    OperationEngine first = engine(store, dying, chat, s);
    id[0] = first.submit(req);
    Instant stop = clock.instant().plus(Duration.ofHours(1));
    while (clock.instant().isBefore(stop)) {
      try {
        s.runDue();
      } catch (Killed k) {
        return;
      }
      clock.advance(Duration.ofMillis(500));
    }
    throw new AssertionError("the first engine never reached the fatal call");
  }

  /** A fresh engine (new scheduler, same store) resumes and runs everything to the end. */
  private Operation resumeToEnd(
      OperationStore store, ManagerPort api, RecordingChatPort chat, String id) {
    ManualOperationScheduler s = new ManualOperationScheduler(clock);
    OperationEngine fresh = engine(store, api, chat, s);
    assertThat(fresh.resumeUnfinished()).contains(id);
    Instant stop = clock.instant().plus(Duration.ofHours(2));
    while (clock.instant().isBefore(stop) && !store.find(id).orElseThrow().status().isFinal()) {
      s.runDue();
      clock.set(
          s.nextDue()
              .filter(t -> t.isAfter(clock.instant()))
              .orElse(clock.instant().plusMillis(200)));
    }
    fresh.pump();
    return store.find(id).orElseThrow();
  }

  private static OperationRequest restore() {
    return TestSpecs.request(TestSpecs.restore("nightly-1", true, false), List.of("U2"), null);
  }

  // ---- restore, killed right after the POST reached the manager

  void restorePostIsNotSentAgain(OperationStore store, Duration downFor) {
    FakeManager fm = new FakeManager(clock).withSnapshot("nightly-1", "created");
    RecordingChatPort chat = new RecordingChatPort(clock);
    String[] id = new String[1];
    runUntilKilled(store, dyingAt(fm, "restoreSnapshot", true), chat, id, restore());
    assertThat(fm.count("restoreSnapshot")).isEqualTo(1);
    Operation dead = store.find(id[0]).orElseThrow();
    assertThat(dead.step("restore").orElseThrow().data()).containsKey("attempted");
    assertThat(dead.step("restore").orElseThrow().executionId())
        .as("the answer died with the process")
        .isNull();

    clock.advance(downFor);
    Operation done = resumeToEnd(store, fm, chat, id[0]);
    assertThat(done.status()).as(done.toString()).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(fm.count("restoreSnapshot")).as("restore POSTs at the manager").isEqualTo(1);
    assertThat(done.step("restore").orElseThrow().executionId())
        .isEqualTo(
            fm.executionIds().stream()
                .filter(x -> fm.executions.get(x).workflow.equals("restore_snapshot"))
                .findFirst()
                .orElseThrow());
    assertThat(chat.transcript())
        .contains("re-attached to restore execution")
        .contains("not sent again");
    assertThat(fm.maintenanceState()).isEqualTo("deactivated");
  }

  @Test
  void restoreInMemory() {
    restorePostIsNotSentAgain(new InMemoryOperationStore(), Duration.ZERO);
  }

  @EachDatabase
  void restoreOnTheRealStore(TestDb t) {
    restorePostIsNotSentAgain(new JdbcOperationStore(t.db()), Duration.ZERO);
  }

  @Test
  void restoreResumedDuringTheRestOutageWaitsAndReattaches() {
    // FakeManager's outage runs from 10 s to 70 s after the POST: resume 15 s after it
    restorePostIsNotSentAgain(new InMemoryOperationStore(), Duration.ofSeconds(15));
  }

  @EachDatabase
  void restoreResumedAfterTheRestoreEndedStillReattaches(TestDb t) {
    restorePostIsNotSentAgain(new JdbcOperationStore(t.db()), Duration.ofMinutes(5));
  }

  // ---- restore, killed after the marker was stored and before the POST left

  void noEvidenceFailsHonestly(OperationStore store) {
    FakeManager fm = new FakeManager(clock).withSnapshot("nightly-1", "created");
    RecordingChatPort chat = new RecordingChatPort(clock);
    String[] id = new String[1];
    runUntilKilled(store, dyingAt(fm, "restoreSnapshot", false), chat, id, restore());
    assertThat(fm.count("restoreSnapshot")).isZero();
    assertThat(fm.maintenanceState()).isEqualTo("activated");

    Operation done = resumeToEnd(store, fm, chat, id[0]);
    assertThat(done.status()).isEqualTo(OpStatus.FAILED);
    assertThat(done.failure()).contains("not sent again").contains("request the restore again");
    assertThat(fm.count("restoreSnapshot")).as("never sent on a guess").isZero();
    assertThat(fm.maintenanceState()).as("clean-up still ran").isEqualTo("deactivated");
    assertThat(done.step("maintenance-off").orElseThrow().status()).isEqualTo(StepStatus.DONE);
  }

  @Test
  void noEvidenceInMemory() {
    noEvidenceFailsHonestly(new InMemoryOperationStore());
  }

  @EachDatabase
  void noEvidenceOnTheRealStore(TestDb t) {
    noEvidenceFailsHonestly(new JdbcOperationStore(t.db()));
  }

  @Test
  void overTheSimulatorTheRestorePostReachesTheManagerOnce() {
    try (SimHarness s =
        new SimHarness(
            tmp,
            b ->
                b.outageMode(io.cfychatops.sim.OutageMode.DROP_CONNECTIONS)
                    .restoreRunDuration(Duration.ofSeconds(60))
                    .outageDelay(Duration.ofSeconds(2))
                    .outageDuration(Duration.ofSeconds(30)),
            OpsConfig.defaults("#ops", tmp))) {
      clock = s.clock;
      s.sim.seedSnapshot("nightly-1", "created", "", clock.instant());
      InMemoryOperationStore store = new InMemoryOperationStore();
      RecordingChatPort chat = new RecordingChatPort(clock);
      String[] id = new String[1];
      runUntilKilled(
          store,
          dyingAt(s.counting.api, "restoreSnapshot", true),
          chat,
          id,
          TestSpecs.request(TestSpecs.restore("nightly-1", true, true)));
      clock.advance(
          Duration.ofSeconds(5)); // restarted inside the REST outage (dropped connections)
      Operation done = resumeToEnd(store, s.counting.api, chat, id[0]);
      assertThat(done.status()).as(done.toString()).isEqualTo(OpStatus.SUCCEEDED);
      assertThat(s.counting.count("restoreSnapshot"))
          .as("restore POSTs at the manager")
          .isEqualTo(1);
      assertThat(chat.transcript()).contains("re-attached to restore execution");
      assertThat(s.maintenance()).isEqualTo("deactivated");
    }
  }

  // ---- create, killed right after the PUT reached the manager

  void createPutIsNotSentAgain(OperationStore store) {
    FakeManager fm = new FakeManager(clock);
    RecordingChatPort chat = new RecordingChatPort(clock);
    String[] id = new String[1];
    runUntilKilled(
        store,
        dyingAt(fm, "createSnapshot", true),
        chat,
        id,
        OperationRequest.of(OpKind.CREATE, "prod", "snap-1", "U1"));
    Operation done = resumeToEnd(store, fm, chat, id[0]);
    assertThat(done.status()).as(done.toString()).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(fm.count("createSnapshot")).as("create PUTs at the manager").isEqualTo(1);
    assertThat(done.step("verify").orElseThrow().detail()).contains("created");
  }

  @Test
  void createInMemory() {
    createPutIsNotSentAgain(new InMemoryOperationStore());
  }

  @EachDatabase
  void createOnTheRealStore(TestDb t) {
    createPutIsNotSentAgain(new JdbcOperationStore(t.db()));
  }
}
