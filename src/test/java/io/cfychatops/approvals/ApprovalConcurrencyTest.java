package io.cfychatops.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.chat.ChatUser;
import io.cfychatops.store.Database;
import io.cfychatops.store.TestDatabases;
import io.cfychatops.store.TestDb;
import io.cfychatops.testing.SettableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 50 distinct eligible voters click Approve at once, spread over two bot instances (two services,
 * each with its own Database and connections, on the same data): exactly one caller gets Approved
 * and exactly one operation id gets linked to the approval (the {@code setOperationId} CAS); a
 * later link attempt from either instance is refused.
 */
class ApprovalConcurrencyTest {
  static final int VOTERS = 50;

  static Stream<Arguments> enginesAndQuorums() {
    return Stream.of(1, 2)
        .flatMap(
            q ->
                Stream.of(
                    Arguments.of(TestDatabases.hsqldb(), q),
                    Arguments.of(TestDatabases.postgresql(), q)));
  }

  @ParameterizedTest(name = "{0}, quorum {1}")
  @MethodSource("enginesAndQuorums")
  void fiftyParallelApprovalsOnTwoInstancesYieldOneWinner(TestDb t, int quorum) throws Exception {
    SettableClock clock = SettableClock.at(TestDatabases.T0);
    Database dbA = t.db();
    Database dbB = t.openUnmigrated();
    ApprovalService a = Fixtures.service(dbA, clock);
    ApprovalService b = Fixtures.service(dbB, clock);

    ApprovalRequest r =
        a.open(Fixtures.restore(ApprovalPolicy.DEFAULT.withRequiredVotes(quorum), null));

    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<VoteOutcome>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < VOTERS; i++) {
        ChatUser voter = new ChatUser("U-v" + i, "voter" + i, "T1");
        boolean onA = i % 2 == 0;
        ApprovalService s = onA ? a : b;
        futures.add(
            pool.submit(
                () -> {
                  gate.await();
                  VoteOutcome o = s.vote(r.id(), voter, Decision.APPROVE, Eligibility.anyone());
                  if (o instanceof VoteOutcome.Approved won) {
                    assertThat(s.linkOperation(won.request().id(), "op-" + voter.id())).isTrue();
                  }
                  return o;
                }));
      }
      gate.countDown();
      List<VoteOutcome> outcomes = new ArrayList<>();
      for (Future<VoteOutcome> f : futures) {
        outcomes.add(f.get(120, TimeUnit.SECONDS));
      }

      assertThat(outcomes).filteredOn(o -> o instanceof VoteOutcome.Approved).hasSize(1);
      assertThat(outcomes)
          .allMatch(
              o ->
                  o instanceof VoteOutcome.Approved
                      || o instanceof VoteOutcome.Recorded
                      || (o instanceof VoteOutcome.Refused x
                          && x.kind() == RefusalKind.NOT_PENDING));
      // below the quorum only (quorum - 1) votes can have been merely recorded
      assertThat(outcomes)
          .filteredOn(o -> o instanceof VoteOutcome.Recorded)
          .hasSizeLessThanOrEqualTo(quorum - 1);

      ApprovalRequest done = b.find(r.id()).orElseThrow();
      assertThat(done.status()).isEqualTo(ApprovalStatus.APPROVED);
      assertThat(done.operationId()).startsWith("op-U-v");
      assertThat(
              dbB.jdbc()
                  .queryLong(
                      "SELECT count(*) FROM approval_request WHERE id = ? AND operation_id IS NOT NULL",
                      r.id()))
          .isEqualTo(1);
      // a second start from the same approval is impossible, from either instance
      assertThat(a.linkOperation(r.id(), "op-dup")).isFalse();
      assertThat(b.linkOperation(r.id(), "op-dup")).isFalse();
      assertThat(a.find(r.id()).orElseThrow().operationId()).isEqualTo(done.operationId());
      assertThat(a.auditLog().recent(200, "prod"))
          .filteredOn(e -> e.action().equals("approved"))
          .hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
