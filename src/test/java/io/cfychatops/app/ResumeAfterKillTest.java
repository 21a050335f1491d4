package io.cfychatops.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.config.BotConfig;
import io.cfychatops.core.CountingProxy;
import io.cfychatops.core.TestBots;
import io.cfychatops.ops.OpKind;
import io.cfychatops.ops.OpStatus;
import io.cfychatops.ops.Operation;
import io.cfychatops.ops.OperationRequest;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.ClusterScenario;
import io.cfychatops.sim.SimulatorConfig;
import io.cfychatops.store.TestDatabases;
import io.cfychatops.store.TestDb;
import io.cfychatops.testing.Await;
import io.cfychatops.testing.RecordingChatPort;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume after kill -9, in one JVM: 20 creates are in flight when their bot dies with every
 * operation's db-scheduler row still picked by it and its heartbeat frozen (the state a kill -9
 * leaves; the process itself is closed first, since threads cannot be killed). A bot restarted
 * under the same instance name takes them back at once; a surviving replica under another name
 * after the missed heartbeats (PostgreSQL). Measures, per operation, when the manager sees the
 * first request for its execution after the restart; prints the maximum; no create PUT is sent
 * twice.
 */
class ResumeAfterKillTest {
  static final int OPS = 20;
  static final String GRANTS =
      """
          - { manager: "*", role: operator, users: [alice] }
      """;

  @TempDir Path dir;
  CloudifySimulator sim;
  CountingProxy proxy;
  final List<Bot> bots = new ArrayList<>();
  TestDb pg;

  @AfterEach
  void stop() {
    bots.forEach(Bot::close);
    if (proxy != null) {
      proxy.close();
    }
    if (sim != null) {
      sim.stop();
    }
    if (pg != null) {
      pg.close();
    }
  }

  private BotConfig config(String storeYaml, Map<String, String> env) throws Exception {
    sim =
        new CloudifySimulator(
            SimulatorConfig.builder()
                .port(0)
                .password(TestBots.MANAGER_PASSWORD)
                .clusterScenario(ClusterScenario.SINGLE_NODE)
                .pendingDuration(Duration.ofMillis(100))
                .runDuration(Duration.ofSeconds(10))
                .build());
    sim.start();
    proxy = new CountingProxy(sim.baseUrl());
    return TestBots.config(proxy.baseUrl(), GRANTS, storeYaml, dir.resolve("archives"), false, env);
  }

  private Bot bot(BotConfig cfg, String name) {
    Bot b =
        new Bot(
            cfg,
            new RecordingChatPort(),
            Clock.systemUTC(),
            new Bot.Options(Duration.ofMillis(200), Duration.ofSeconds(5), name, false));
    bots.add(b);
    return b;
  }

  /** Starts 20 creates on {@code a}, waits until each has its execution, then stops {@code a}. */
  private List<String> createsInFlightThenKill(Bot a) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < OPS; i++) {
      ids.add(
          a.engine()
              .submit(OperationRequest.of(OpKind.CREATE, "default", "inflight-" + i, "alice")));
    }
    Await.require(
        Duration.ofSeconds(60),
        "every create to have its execution",
        () ->
            ids.stream()
                .allMatch(
                    id ->
                        a.engine()
                            .find(id)
                            .flatMap(op -> op.step("create"))
                            .map(st -> st.executionId() != null)
                            .orElse(false)));
    a.close();
    bots.remove(a);
    return ids;
  }

  /**
   * What kill -9 leaves: every operation's row picked by the dead process, its heartbeat frozen
   * now.
   */
  private static void markPicked(io.cfychatops.store.Jdbc jdbc, String by) {
    int n =
        jdbc.update(
            "UPDATE scheduled_tasks SET picked = TRUE, picked_by = ?, last_heartbeat = ?,"
                + " version = version + 1 WHERE task_name = 'cfy-operation'",
            by,
            Timestamp.from(Instant.now()));
    assertThat(n).isEqualTo(OPS);
  }

  /**
   * Time after {@code t0} at which the manager first saw a request for each operation's execution.
   */
  private Duration awaitAllResumed(Bot b, List<String> ids, long t0, int mark) {
    Map<String, String> execOf = new HashMap<>();
    for (String id : ids) {
      execOf.put(id, b.engine().find(id).orElseThrow().step("create").orElseThrow().executionId());
    }
    Map<String, Long> seen = new HashMap<>();
    Await.require(
        Duration.ofSeconds(60),
        "every operation to resume",
        () -> {
          List<String> reqs = proxy.requests();
          List<String> since = reqs.subList(Math.min(mark, reqs.size()), reqs.size());
          long now = System.nanoTime();
          for (var e : execOf.entrySet()) {
            if (!seen.containsKey(e.getKey())
                && since.stream().anyMatch(r -> r.endsWith("/executions/" + e.getValue()))) {
              seen.put(e.getKey(), now - t0);
            }
          }
          return seen.size() == ids.size();
        });
    return Duration.ofNanos(seen.values().stream().mapToLong(Long::longValue).max().orElseThrow());
  }

  private void allSucceedWithOnePutEach(Bot b, List<String> ids) {
    Await.require(
        Duration.ofSeconds(60),
        "every create to end",
        () ->
            ids.stream()
                .allMatch(
                    id -> b.engine().find(id).map(op -> op.status().isFinal()).orElse(false)));
    for (String id : ids) {
      Operation op = b.engine().find(id).orElseThrow();
      assertThat(op.status()).as(op.toString()).isEqualTo(OpStatus.SUCCEEDED);
    }
    assertThat(proxy.count("PUT /api/v[0-9.]+/snapshots/inflight-.*"))
        .as("create PUTs at the manager")
        .isEqualTo(OPS);
  }

  @Test
  void restartedUnderTheSameNameEveryOperationResumesWithinSeconds() throws Exception {
    BotConfig cfg = config("  data_dir: \"" + dir.resolve("data") + "\"", Map.of());
    List<String> ids = createsInFlightThenKill(bot(cfg, "resume-a"));
    try (io.cfychatops.store.Database db =
        io.cfychatops.store.Database.embedded(dir.resolve("data"))) {
      markPicked(db.jdbc(), "resume-a");
    }
    int mark = proxy.count();
    long t0 = System.nanoTime();
    Bot b = bot(cfg, "resume-a");
    Duration max = awaitAllResumed(b, ids, t0, mark);
    System.out.printf(
        "MEASURED embedded, same instance restarted: all %d operations resumed within %d ms of the restart%n",
        OPS, max.toMillis());
    assertThat(max).isLessThan(Duration.ofSeconds(10));
    allSucceedWithOnePutEach(b, ids);
  }

  @Test
  void aSurvivingReplicaTakesOverADeadOnesOperations() throws Exception {
    pg = TestDatabases.postgresql();
    String url;
    try (Connection c =
        pg.db().dataSource().getConnection()) { // aborts (or fails under CI) without PostgreSQL
      url = c.getMetaData().getURL();
    }
    Map<String, String> env = new HashMap<>();
    String store =
        "  url: \""
            + url
            + "\"\n  username: "
            + System.getenv().getOrDefault("CFY_TEST_PG_USER", "postgres")
            + "\n"
            + "  data_dir: \""
            + dir.resolve("data")
            + "\"";
    if (System.getenv("CFY_TEST_PG_PASSWORD") != null) {
      env.put("CFY_TEST_PG_PASSWORD", System.getenv("CFY_TEST_PG_PASSWORD"));
      store += "\n  password_env: CFY_TEST_PG_PASSWORD";
    }
    BotConfig cfg = config(store, env);
    List<String> ids = createsInFlightThenKill(bot(cfg, "replica-a"));
    markPicked(pg.db().jdbc(), "replica-a");
    int mark = proxy.count();
    long t0 = System.nanoTime();
    Bot b = bot(cfg, "replica-b");
    Duration max = awaitAllResumed(b, ids, t0, mark);
    System.out.printf(
        "MEASURED postgresql, surviving replica: all %d operations taken over within %d ms%n",
        OPS, max.toMillis());
    assertThat(max).isLessThan(Duration.ofSeconds(30));
    allSucceedWithOnePutEach(b, ids);
  }
}
