package io.cfychatops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import io.cfychatops.scheduling.DbSchedulerOperations;
import io.cfychatops.sim.OutageMode;
import io.cfychatops.store.Database;
import io.cfychatops.store.JdbcOperationStore;
import io.cfychatops.testing.FakeManager;
import io.cfychatops.testing.RecordingChatPort;
import io.cfychatops.testing.SettableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill and resume. An engine instance is dropped mid-restore (its scheduler abandoned with the task
 * still marked picked, as after kill -9); a new instance on the same database revives the task
 * through db-scheduler's dead-execution detection, re-attaches to the recorded restore execution
 * and posts the result in the same living message. Nothing runs twice.
 */
class RestartTest {
  @TempDir Path tmp;
  SimHarness s;
  Database db;

  @AfterEach
  void stop() {
    if (s != null) {
      s.close();
    }
    if (db != null) {
      db.close();
    }
  }

  /** A fresh in-memory HSQLDB with the production schema (ops_operation, scheduled_tasks). */
  Database hsqldb() {
    db = Database.open("jdbc:hsqldb:mem:ops-" + UUID.randomUUID() + ";shutdown=true");
    db.migrate();
    return db;
  }

  /** One process: engine + db-scheduler (manual, same thread) on the shared database. */
  final class Instance {
    final OperationEngine engine;
    final ManualScheduler scheduler;
    final com.github.kagkarlsson.scheduler.testhelper.SettableClock dbClock =
        new com.github.kagkarlsson.scheduler.testhelper.SettableClock();

    Instance(DataSource ds, OperationStore store, OpsConfig cfg) {
      engine = new OperationEngine(store, s.counting.api, s.h.chat, s.clock, cfg);
      DbSchedulerOperations ops = new DbSchedulerOperations(engine);
      dbClock.set(s.clock.instant());
      scheduler =
          (ManualScheduler)
              TestHelper.createManualScheduler(ds, List.of(ops.task()))
                  .clock(dbClock)
                  .heartbeatInterval(Duration.ofSeconds(2))
                  .missedHeartbeatsLimit(4)
                  .build();
      ops.bind(scheduler);
    }

    void runDue() {
      dbClock.set(s.clock.instant());
      scheduler.runAnyDueExecutions();
      engine.pump();
    }
  }

  @Test
  void secondInstanceReattachesToTheRunningRestoreAndFinishesIt() throws Exception {
    s =
        new SimHarness(
            tmp,
            b ->
                b.outageMode(OutageMode.DROP_CONNECTIONS)
                    .restoreRunDuration(Duration.ofSeconds(120))
                    .outageDelay(Duration.ofSeconds(5))
                    .outageDuration(Duration.ofSeconds(60)),
            OpsConfig.defaults("#ops", tmp));
    s.sim.seedSnapshot("nightly-1", "created", "", s.clock.instant());
    DataSource ds = hsqldb().dataSource();
    OperationStore store = new JdbcOperationStore(db);
    OpsConfig cfg = OpsConfig.defaults("#ops", tmp);

    Instance a = new Instance(ds, store, cfg);
    String id = a.engine.submit(TestSpecs.request(TestSpecs.restore("nightly-1", true, true)));
    Instant stop = s.clock.instant().plus(Duration.ofMinutes(10));
    while (s.clock.instant().isBefore(stop)
        && store.find(id).orElseThrow().step("restore-wait").orElseThrow().data().get("outageSince")
            == null) {
      a.runDue();
      s.clock.advance(Duration.ofMillis(500));
    }
    Operation mid = store.find(id).orElseThrow();
    assertThat(mid.step("restore").orElseThrow().executionId()).isNotNull();
    assertThat(mid.status()).isEqualTo(OpStatus.RUNNING);

    // kill -9: instance A is gone with the task row still picked by it, heartbeat frozen.
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "update scheduled_tasks set picked = true, picked_by = 'instance-a',"
                    + " last_heartbeat = ? where task_instance = ?")) {
      ps.setTimestamp(1, Timestamp.from(s.clock.instant()));
      ps.setString(2, id);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }

    Instance b = new Instance(ds, store, cfg);
    b.engine.resumeUnfinished();
    s.clock.advance(Duration.ofSeconds(30));
    b.dbClock.set(s.clock.instant());
    b.scheduler.runDeadExecutionDetection();
    stop = s.clock.instant().plus(Duration.ofMinutes(30));
    while (s.clock.instant().isBefore(stop) && !store.find(id).orElseThrow().status().isFinal()) {
      b.runDue();
      s.clock.advance(Duration.ofMillis(500));
    }
    b.runDue();
    Operation done = store.find(id).orElseThrow();
    assertThat(done.status()).as(done.toString()).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(s.counting.count("restoreSnapshot")).isEqualTo(1);
    assertThat(s.counting.count("createSnapshot")).isEqualTo(1);
    assertThat(s.counting.count("activateMaintenance")).isEqualTo(1);
    assertThat(s.maintenance()).isEqualTo("deactivated");
    assertThat(s.h.chat.events("post")).hasSize(1);
    assertThat(s.h.chat.living()).contains("done in");
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        var rs = st.executeQuery("select count(*) from scheduled_tasks")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  void aFreshEngineOnEveryTickStillRunsEachNonIdempotentCallOnce() {
    SettableClock clock = SettableClock.at(java.time.Instant.parse("2026-03-01T10:00:00Z"));
    FakeManager fm = new FakeManager(clock).withSnapshot("nightly-1", "created");
    InMemoryOperationStore store = new InMemoryOperationStore();
    RecordingChatPort chat = new RecordingChatPort(clock);
    OpsConfig cfg = OpsConfig.defaults("#ops", tmp);
    ManualOperationScheduler first = new ManualOperationScheduler(clock);
    String id =
        new OperationEngine(store, fm, chat, clock, cfg)
            .attach(first)
            .submit(TestSpecs.request(TestSpecs.restore("nightly-1", true, false)));
    int restarts = 0;
    Instant stop = clock.instant().plus(Duration.ofHours(1));
    while (!store.find(id).orElseThrow().status().isFinal() && clock.instant().isBefore(stop)) {
      ManualOperationScheduler sched = new ManualOperationScheduler(clock);
      OperationEngine e = new OperationEngine(store, fm, chat, clock, cfg).attach(sched);
      e.resumeUnfinished();
      sched.runDue();
      restarts++;
      clock.advance(Duration.ofSeconds(1));
    }
    Operation done = store.find(id).orElseThrow();
    assertThat(done.status()).as(done.toString()).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(restarts).isGreaterThan(20);
    assertThat(fm.count("restoreSnapshot")).isEqualTo(1);
    assertThat(fm.count("createSnapshot")).isEqualTo(1);
    assertThat(fm.count("activateMaintenance")).isEqualTo(1);
    assertThat(fm.count("deactivateMaintenance")).isEqualTo(1);
    assertThat(chat.events("post")).hasSize(1);
  }
}
