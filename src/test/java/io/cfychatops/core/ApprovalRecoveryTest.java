package io.cfychatops.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.app.Bot;
import io.cfychatops.approvals.ApprovalService;
import io.cfychatops.approvals.ApprovalStatus;
import io.cfychatops.approvals.Decision;
import io.cfychatops.approvals.Eligibility;
import io.cfychatops.approvals.IdGenerator;
import io.cfychatops.approvals.VoteOutcome;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.config.BotConfig;
import io.cfychatops.ops.OpStatus;
import io.cfychatops.ops.Operation;
import io.cfychatops.ops.OperationEngine;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.store.JdbcApprovalRepository;
import io.cfychatops.store.JdbcAuditRepository;
import io.cfychatops.testing.Await;
import io.cfychatops.testing.RecordingChatPort;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Approved → operation started" survives a crash anywhere in between, and a transient manager
 * error during the re-check does not void an approval. The wired bot over the simulator behind a
 * counting proxy, on the embedded database; the crash is the database state a killed process leaves
 * (the last vote committed, nothing after it; or the operation stored but not linked).
 */
class ApprovalRecoveryTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final Pattern REQUEST_ID = Pattern.compile("apr-[a-z0-9]{4,16}");
  static final String GRANTS =
      """
          - { manager: "*", role: operator, users: [alice] }
          - { manager: "*", role: approver, users: [bob] }
      """;

  @TempDir Path dir;
  CloudifySimulator sim;
  CountingProxy proxy;
  RecordingChatPort chat;
  BotConfig cfg;
  Bot bot;

  @BeforeEach
  void start() throws Exception {
    sim = TestBots.fastSimulator();
    proxy = new CountingProxy(sim.baseUrl());
    chat = new RecordingChatPort();
    cfg =
        TestBots.config(
            proxy.baseUrl(),
            GRANTS,
            "  data_dir: \"" + dir.resolve("data") + "\"",
            dir.resolve("archives"),
            false);
    bot = newBot("recovery-a");
  }

  private Bot newBot(String name) {
    return new Bot(
        cfg,
        chat,
        Clock.systemUTC(),
        new Bot.Options(Duration.ofMillis(100), Duration.ofSeconds(1), name, false));
  }

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
    proxy.close();
    sim.stop();
  }

  private String answer(String user, String text) throws InterruptedException {
    RecordingChatPort.Reply r = chat.reply(RecordingChatPort.CHANNEL);
    bot.core().onCommand(RecordingChatPort.invocation(user, text), r);
    return r.next(WAIT);
  }

  /** A restore request by alice for a seeded snapshot: [request id, card ts]. */
  private String[] openRestore(String snapshot) throws InterruptedException {
    sim.seedSnapshot(
        snapshot,
        "created",
        null,
        Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    Matcher m = REQUEST_ID.matcher(answer("alice", "snapshots restore " + snapshot));
    assertThat(m.find()).isTrue();
    String id = m.group();
    RecordingChatPort.Event card =
        chat.await(e -> e.kind().equals("post") && e.text().contains(id), WAIT);
    return new String[] {id, card.ts()};
  }

  /** The last vote, committed by a process that then died: nothing of ChatOps ran after it. */
  private void approveAndDie(String requestId) {
    ApprovalService dying =
        new ApprovalService(
            new JdbcApprovalRepository(bot.database()),
            new JdbcAuditRepository(bot.database()),
            Clock.systemUTC(),
            IdGenerator.random());
    VoteOutcome out =
        dying.vote(
            requestId, new ChatUser("bob", "bob", "T1"), Decision.APPROVE, Eligibility.anyone());
    assertThat(out).isInstanceOf(VoteOutcome.Approved.class);
  }

  private long restorePosts() {
    return proxy.count("POST /api/v[0-9.]+/snapshots/[^/]+/restore");
  }

  private long auditCount(String kind, String action, String detailPrefix) {
    return bot.database()
        .jdbc()
        .queryLong(
            "SELECT count(*) FROM audit_log WHERE kind = ? AND action = ? AND detail LIKE ?",
            kind,
            action,
            detailPrefix + "%");
  }

  private Operation awaitEnd(String opId) {
    Await.require(
        WAIT,
        "operation " + opId + " to end",
        () -> bot.engine().find(opId).map(op -> op.status().isFinal()).orElse(false));
    return bot.engine().find(opId).orElseThrow();
  }

  @Test
  void approvedThenKilledBeforeTheStartIsStartedExactlyOnceAfterTheRestart() throws Exception {
    String[] req = openRestore("rec-1");
    bot.close(); // the process that took the vote dies right after committing it
    bot = null;
    approveAndDieOn(req[0]);
    bot = newBot("recovery-a");
    String opId = OperationEngine.idForApproval(req[0]);
    Operation done = awaitEnd(opId);
    assertThat(done.status()).as(done.toString()).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(done.steps().get(0).name()).isEqualTo("approval-check");
    assertThat(done.steps().get(0).detail()).contains("still holds");
    assertThat(bot.engine().recent(10)).hasSize(1);
    assertThat(restorePosts()).isEqualTo(1);
    assertThat(auditCount("operation", "start", opId)).isEqualTo(1);
    RecordingChatPort.Event card =
        chat.await(
            e ->
                e.kind().equals("update")
                    && e.ts().equals(req[1])
                    && e.text().contains("Operation " + opId + " started"),
            WAIT);
    assertThat(card.text()).contains("Approved: restore on default").doesNotContain("[Approve]");
    bot.core().sweepApproved(); // nothing left to start
    assertThat(bot.engine().recent(10)).hasSize(1);
    assertThat(auditCount("operation", "start", opId)).isEqualTo(1);
  }

  /** As {@link #approveAndDie} while no bot runs (opens the database itself). */
  private void approveAndDieOn(String requestId) {
    try (io.cfychatops.store.Database db =
        io.cfychatops.store.Database.embedded(dir.resolve("data"))) {
      ApprovalService dying =
          new ApprovalService(
              new JdbcApprovalRepository(db),
              new JdbcAuditRepository(db),
              Clock.systemUTC(),
              IdGenerator.random());
      assertThat(
              dying.vote(
                  requestId,
                  new ChatUser("bob", "bob", "T1"),
                  Decision.APPROVE,
                  Eligibility.anyone()))
          .isInstanceOf(VoteOutcome.Approved.class);
    }
  }

  @Test
  void killedAfterTheOperationWasStoredButBeforeItWasLinkedStillStartsOnce() throws Exception {
    String[] req = openRestore("rec-2");
    approveAndDie(req[0]);
    // ...and the dying voter got as far as storing the operation, not as far as linking it
    String opId = OperationEngine.idForApproval(req[0]);
    assertThat(
            bot.engine()
                .submitOnce(
                    opId,
                    new io.cfychatops.ops.OperationRequest(
                        io.cfychatops.ops.TestSpecs.restore("rec-2", false, false),
                        "default",
                        "alice",
                        java.util.List.of("bob"),
                        null,
                        req[0])))
        .isTrue();
    Operation done = awaitEnd(opId);
    assertThat(done.status()).as(done.toString()).isEqualTo(OpStatus.SUCCEEDED);
    Await.require(WAIT, "the sweeper to have looked", () -> bot.core().sweepApproved() == 0);
    assertThat(bot.engine().recent(10)).hasSize(1);
    assertThat(restorePosts()).isEqualTo(1);
    assertThat(auditCount("operation", "start", opId)).isEqualTo(1);
    assertThat(
            bot.database()
                .jdbc()
                .queryOne(
                    "SELECT operation_id FROM approval_request WHERE id = ?",
                    rs -> rs.getString(1),
                    req[0]))
        .contains(opId);
  }

  @Test
  void aManagerOutageDuringTheRecheckIsRetriedAndDoesNotVoidTheApproval() throws Exception {
    String[] req = openRestore("rec-3");
    sim.outageFor(Duration.ofSeconds(3)); // nginx 502 pages for every call for 3 s
    assertThat(answer("bob", "approve " + req[0])).contains("re-checks the target");
    String opId = OperationEngine.idForApproval(req[0]);
    Operation done = awaitEnd(opId);
    assertThat(done.status()).as(done.toString()).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(chat.events())
        .anyMatch(e -> e.text().contains("approval-check") && e.text().contains("retrying (1/"));
    assertThat(restorePosts()).isEqualTo(1);
    assertThat(
            bot.database()
                .jdbc()
                .queryOne(
                    "SELECT status FROM approval_request WHERE id = ?",
                    rs -> rs.getString(1),
                    req[0]))
        .contains(ApprovalStatus.APPROVED.label());
    assertThat(auditCount("approval", "supersede", req[0])).isZero();
    assertThat(auditCount("operation", "start", opId)).isEqualTo(1);
  }
}
