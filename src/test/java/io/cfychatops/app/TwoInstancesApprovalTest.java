package io.cfychatops.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.chat.ActionInvocation;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.config.BotConfig;
import io.cfychatops.core.CountingProxy;
import io.cfychatops.core.TestBots;
import io.cfychatops.ops.OpKind;
import io.cfychatops.ops.OpStatus;
import io.cfychatops.ops.Operation;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.store.TestDatabases;
import io.cfychatops.store.TestDb;
import io.cfychatops.testing.RecordingChatPort;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bot replicas on one PostgreSQL schema; 50 approvers click Approve at once, split across the
 * replicas: exactly one restore starts. Skipped with a notice when PostgreSQL is unreachable,
 * except under {@code CI=true} (the store harness decides).
 */
class TwoInstancesApprovalTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final int CLICKS = 50;
  static final Pattern REQUEST_ID = Pattern.compile("apr-[a-z0-9]{4,16}");

  @TempDir Path dir;
  TestDb pg;
  CloudifySimulator sim;
  CountingProxy proxy;
  final List<Bot> bots = new ArrayList<>();

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
      pg.close(); // drops the schema
    }
  }

  private static String approver(int i) {
    return String.format("U_AP%02d", i);
  }

  /** What the 50-click race produced. */
  record Outcome(String requestId, List<String> answers, Bot a, Bot b) {
    List<Operation> restores() {
      return a.engine().recent(100).stream().filter(o -> o.kind() == OpKind.RESTORE).toList();
    }
  }

  /**
   * Two replicas, one restore request by U_ALICE, 50 approvers clicking at once; waits until all is
   * done.
   */
  private Outcome race() throws Exception {
    pg = TestDatabases.postgresql();
    String url;
    try (Connection c =
        pg.db().dataSource().getConnection()) { // aborts (or fails under CI) without PostgreSQL
      url = c.getMetaData().getURL();
    }
    assertThat(url).contains("currentSchema=t_");

    sim = TestBots.fastSimulator();
    sim.seedSnapshot(
        "twin-1",
        "created",
        null,
        Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    proxy = new CountingProxy(sim.baseUrl());
    String approvers =
        IntStream.range(0, CLICKS)
            .mapToObj(TwoInstancesApprovalTest::approver)
            .collect(Collectors.joining(", "));
    String grants =
        """
            - { manager: "*", role: operator, users: [U_ALICE] }
            - { manager: "*", role: approver, users: [%s] }
        """
            .formatted(approvers);
    Map<String, String> env = new HashMap<>();
    String store =
        "  url: \""
            + url
            + "\"\n  username: "
            + envOr("CFY_TEST_PG_USER", "postgres")
            + "\n"
            + "  data_dir: \""
            + dir.resolve("data")
            + "\"";
    if (System.getenv("CFY_TEST_PG_PASSWORD") != null) {
      env.put("CFY_TEST_PG_PASSWORD", System.getenv("CFY_TEST_PG_PASSWORD"));
      store += "\n  password_env: CFY_TEST_PG_PASSWORD";
    }
    BotConfig cfg =
        TestBots.config(proxy.baseUrl(), grants, store, dir.resolve("archives"), false, env);
    RecordingChatPort chatA = new RecordingChatPort();
    RecordingChatPort chatB = new RecordingChatPort();
    Bot a =
        new Bot(
            cfg,
            chatA,
            Clock.systemUTC(),
            new Bot.Options(Duration.ofMillis(200), Duration.ofSeconds(5), "replica-a", false));
    bots.add(a);
    Bot b =
        new Bot(
            cfg,
            chatB,
            Clock.systemUTC(),
            new Bot.Options(Duration.ofMillis(200), Duration.ofSeconds(5), "replica-b", false));
    bots.add(b);
    assertThat(a.database().describe()).containsIgnoringCase("postgres");

    RecordingChatPort.Reply opened = chatA.reply(RecordingChatPort.CHANNEL);
    a.core().onCommand(RecordingChatPort.invocation("U_ALICE", "snapshots restore twin-1"), opened);
    Matcher m = REQUEST_ID.matcher(opened.next(WAIT));
    assertThat(m.find()).isTrue();
    String requestId = m.group();

    // 50 clicks released together, alternating replicas
    List<RecordingChatPort.Reply> replies = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService clickers = Executors.newFixedThreadPool(CLICKS);
    try {
      for (int i = 0; i < CLICKS; i++) {
        Bot target = i % 2 == 0 ? a : b;
        RecordingChatPort.Reply r = (i % 2 == 0 ? chatA : chatB).reply(RecordingChatPort.CHANNEL);
        replies.add(r);
        ActionInvocation click =
            new ActionInvocation(
                new ChatUser(approver(i), approver(i), "T0TEST"),
                RecordingChatPort.CHANNEL,
                "approval.approve",
                requestId,
                null);
        clickers.execute(
            () -> {
              try {
                go.await();
                target.core().onAction(click, r);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
      }
      go.countDown();
    } finally {
      clickers.shutdown();
      assertThat(clickers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    List<String> answers = new ArrayList<>();
    for (RecordingChatPort.Reply r : replies) {
      answers.add(r.next(WAIT));
    }
    assertThat(a.awaitIdle(Duration.ofSeconds(60))).isTrue();
    assertThat(b.awaitIdle(Duration.ofSeconds(60))).isTrue();
    return new Outcome(requestId, answers, a, b);
  }

  @Test
  void fiftyParallelApprovalsAcrossTwoReplicasStartExactlyOneRestore() throws Exception {
    Outcome o = race();
    assertThat(o.answers().stream().filter(s -> s.contains("operation") && s.contains("started")))
        .as("answers: %s", o.answers())
        .hasSize(1);
    assertThat(o.answers().stream().filter(s -> s.contains("already approved")))
        .hasSize(CLICKS - 1);
    assertThat(o.restores())
        .singleElement()
        .satisfies(
            op -> {
              assertThat(op.status()).isEqualTo(OpStatus.SUCCEEDED);
              assertThat(op.approval()).isEqualTo(o.requestId());
            });
    assertThat(o.b().engine().recent(100).stream().filter(op -> op.kind() == OpKind.RESTORE))
        .hasSize(1);
    assertThat(proxy.count("POST /api/v[0-9.]+/snapshots/twin-1/restore")).isEqualTo(1);
  }

  @Test
  // Regression: concurrent votes used to be inserted before the decision and all credited; a vote
  // is now cast in one transaction that locks the request row (JdbcApprovalRepository.castVote).
  void onlyTheVotesThatCompletedTheApprovalAreCredited() throws Exception {
    Outcome o = race();
    int won =
        IntStream.range(0, CLICKS)
            .filter(i -> o.answers().get(i).contains("started"))
            .findFirst()
            .orElseThrow();
    assertThat(o.restores())
        .singleElement()
        .satisfies(
            op ->
                assertThat(op.approvers())
                    .as("credited approvers; the refused ones were told their vote took no effect")
                    .containsExactly(approver(won)));
    assertThat(
            pg.db()
                .jdbc()
                .queryLong(
                    "select count(*) from approval_vote where request_id = ?", o.requestId()))
        .as("votes stored for a 1-vote request")
        .isEqualTo(1);
  }

  private static String envOr(String name, String dflt) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? dflt : v;
  }
}
