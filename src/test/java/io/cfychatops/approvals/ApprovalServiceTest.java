package io.cfychatops.approvals;

import static io.cfychatops.approvals.Fixtures.ANA;
import static io.cfychatops.approvals.Fixtures.BOB;
import static io.cfychatops.approvals.Fixtures.CARL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.MessageRef;
import io.cfychatops.store.EachDatabase;
import io.cfychatops.store.TestDatabases;
import io.cfychatops.store.TestDb;
import io.cfychatops.testing.SettableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

class ApprovalServiceTest {
  final SettableClock clock = SettableClock.at(TestDatabases.T0);
  static final Eligibility ANYONE = Eligibility.anyone();

  private List<String> auditActions(ApprovalService s) {
    List<String> newestFirst =
        new java.util.ArrayList<>(
            s.auditLog().recent(100, null).stream().map(e -> e.action()).toList());
    java.util.Collections.reverse(newestFirst);
    return newestFirst;
  }

  @EachDatabase
  void openCreatesPendingRequestExpiringPerPolicyAndAudits(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    ApprovalRequest r = s.open(Fixtures.restore(ApprovalPolicy.DEFAULT, "bad upgrade"));

    assertThat(r.id()).matches("apr-[a-z0-9]{8}");
    assertThat(r.status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(r.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
    assertThat(r.fingerprint()).isEqualTo(Fixtures.inputs("created").digest());
    ApprovalRequest stored = s.find(r.id()).orElseThrow();
    assertThat(stored).isEqualTo(r);
    var entry = s.auditLog().recent(1, "prod").get(0);
    assertThat(entry.action()).isEqualTo("open");
    assertThat(entry.userId()).isEqualTo("U-bob");
    assertThat(entry.teamId()).isEqualTo("T1");
    assertThat(entry.channel()).isEqualTo("C-ops");
    assertThat(entry.detail()).contains(r.id()).contains(Fixtures.COMMAND).contains("bad upgrade");
  }

  @EachDatabase
  void missingReasonIsRefusedWhenThePolicyWantsOne(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    assertThatThrownBy(
            () -> s.open(Fixtures.restore(ApprovalPolicy.DEFAULT.withReasonRequired(true), "  ")))
        .isInstanceOf(ApprovalException.class)
        .hasMessageContaining("A reason is required for restore on prod")
        .hasMessageContaining("--reason");
    assertThat(s.pending()).isEmpty();
  }

  @EachDatabase
  void requesterCannotApproveTheirOwnRequest(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    ApprovalRequest r = s.open(Fixtures.restore(ApprovalPolicy.DEFAULT, null));
    VoteOutcome o = s.vote(r.id(), BOB, Decision.APPROVE, ANYONE);
    assertThat(o).isInstanceOf(VoteOutcome.Refused.class);
    VoteOutcome.Refused refused = (VoteOutcome.Refused) o;
    assertThat(refused.kind()).isEqualTo(RefusalKind.SELF_APPROVAL);
    assertThat(refused.reason())
        .isEqualTo("You asked for this, so you can't approve it — another approver must.");
    assertThat(s.votes(r.id())).isEmpty();
    assertThat(s.find(r.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(auditActions(s)).containsExactly("open", "refused");
  }

  @EachDatabase
  void ineligibleVoterIsToldWhatIsMissing(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    ApprovalRequest r = s.open(Fixtures.restore(ApprovalPolicy.DEFAULT, null));
    Eligibility onlyAna =
        (v, req) ->
            v.equals(ANA)
                ? Optional.empty()
                : Optional.of("You need the approver or admin role on " + req.manager() + ".");
    VoteOutcome.Refused o = (VoteOutcome.Refused) s.vote(r.id(), CARL, Decision.APPROVE, onlyAna);
    assertThat(o.kind()).isEqualTo(RefusalKind.NOT_ELIGIBLE);
    assertThat(o.reason()).isEqualTo("You need the approver or admin role on prod.");
    assertThat(s.vote(r.id(), ANA, Decision.APPROVE, onlyAna))
        .isInstanceOf(VoteOutcome.Approved.class);
  }

  @EachDatabase
  void aSecondClickBySameVoterIsRefusedAndNotCounted(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    ApprovalRequest r = s.open(Fixtures.restore(ApprovalPolicy.DEFAULT.withRequiredVotes(2), null));
    VoteOutcome first = s.vote(r.id(), ANA, Decision.APPROVE, ANYONE);
    assertThat(first).isInstanceOf(VoteOutcome.Recorded.class);
    VoteOutcome.Refused second =
        (VoteOutcome.Refused) s.vote(r.id(), ANA, Decision.APPROVE, ANYONE);
    assertThat(second.kind()).isEqualTo(RefusalKind.ALREADY_VOTED);
    assertThat(second.reason())
        .contains("one person counts once")
        .contains("1 of 2 approvals: @ana");
    assertThat(s.votes(r.id())).hasSize(1);
    assertThat(s.find(r.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
  }

  @EachDatabase
  void quorumOfTwoApprovesOnTheSecondDistinctVote(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    ApprovalRequest r = s.open(Fixtures.restore(ApprovalPolicy.DEFAULT.withRequiredVotes(2), null));

    VoteOutcome.Recorded one = (VoteOutcome.Recorded) s.vote(r.id(), ANA, Decision.APPROVE, ANYONE);
    assertThat(one.tally()).isEqualTo("1 of 2 approvals: @ana");
    assertThat(one.needed()).isEqualTo(2);

    clock.advance(Duration.ofMinutes(1));
    VoteOutcome.Approved two =
        (VoteOutcome.Approved) s.vote(r.id(), CARL, Decision.APPROVE, ANYONE);
    assertThat(two.approvers()).isEqualTo("@ana, @carl");
    assertThat(two.request().status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(two.request().statusReason()).isEqualTo("approved by @ana, @carl");
    assertThat(two.request().decidedAt()).isEqualTo(clock.instant());

    VoteOutcome.Refused late =
        (VoteOutcome.Refused)
            s.vote(r.id(), new ChatUser("U-d", "dan", "T1"), Decision.APPROVE, ANYONE);
    assertThat(late.kind()).isEqualTo(RefusalKind.NOT_PENDING);
    assertThat(late.reason()).contains("was already approved (approved by @ana, @carl)");
    assertThat(auditActions(s))
        .containsExactly("open", "approve", "approve", "approved", "refused");
  }

  @EachDatabase
  void expiryHappensByTheClockWithoutAnyClick(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    ApprovalRequest r = s.open(Fixtures.restore(ApprovalPolicy.DEFAULT, null));
    ApprovalRequest other =
        s.open(Fixtures.restore(ApprovalPolicy.DEFAULT.withExpiry(Duration.ofHours(2)), null));

    clock.advance(Duration.ofMinutes(29));
    assertThat(s.expireDue()).isEmpty();
    clock.advance(Duration.ofMinutes(1)); // exactly at expires_at
    List<ApprovalRequest> expired = s.expireDue();
    assertThat(expired).extracting(ApprovalRequest::id).containsExactly(r.id());
    assertThat(expired.get(0).status()).isEqualTo(ApprovalStatus.EXPIRED);
    assertThat(expired.get(0).statusReason()).isEqualTo("expired at 2025-01-15T09:30:00Z");
    assertThat(s.expireDue()).as("a second sweep finds nothing").isEmpty();
    assertThat(s.find(other.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
    var last = s.auditLog().recent(1, null).get(0);
    assertThat(last.action()).isEqualTo("expire");
    assertThat(last.userId()).isEqualTo("system");
  }

  @EachDatabase
  void aClickAfterExpiryIsRefusedAndExpiresTheRequest(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    ApprovalRequest r = s.open(Fixtures.restore(ApprovalPolicy.DEFAULT, null));
    clock.advance(Duration.ofMinutes(31));
    VoteOutcome.Refused o = (VoteOutcome.Refused) s.vote(r.id(), ANA, Decision.APPROVE, ANYONE);
    assertThat(o.kind()).isEqualTo(RefusalKind.EXPIRED);
    assertThat(o.reason()).contains("expired at 2025-01-15T09:30:00Z");
    assertThat(o.request().status()).isEqualTo(ApprovalStatus.EXPIRED);
    assertThat(s.votes(r.id())).isEmpty();
    VoteOutcome.Refused again =
        (VoteOutcome.Refused) s.vote(r.id(), CARL, Decision.APPROVE, ANYONE);
    assertThat(again.kind()).isEqualTo(RefusalKind.NOT_PENDING);
    assertThat(again.reason()).contains("has expired");
    assertThat(auditActions(s)).containsExactly("open", "expire", "refused", "refused");
  }

  @EachDatabase
  void oneDenyEndsTheRequest(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    ApprovalRequest r = s.open(Fixtures.restore(ApprovalPolicy.DEFAULT.withRequiredVotes(2), null));
    s.vote(r.id(), ANA, Decision.APPROVE, ANYONE);
    VoteOutcome.Denied d = (VoteOutcome.Denied) s.vote(r.id(), CARL, Decision.DENY, ANYONE);
    assertThat(d.by()).isEqualTo(CARL);
    assertThat(d.request().status()).isEqualTo(ApprovalStatus.DENIED);
    assertThat(d.request().statusReason()).isEqualTo("denied by @carl");
    VoteOutcome.Refused after =
        (VoteOutcome.Refused)
            s.vote(r.id(), new ChatUser("U-d", "dan", "T1"), Decision.APPROVE, ANYONE);
    assertThat(after.reason()).contains("was denied (denied by @carl)");
    assertThat(auditActions(s)).containsExactly("open", "approve", "deny", "refused");
  }

  @EachDatabase
  void onlyTheRequesterOrAnAdminCanCancel(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    ApprovalRequest r = s.open(Fixtures.restore(ApprovalPolicy.DEFAULT, null));

    CancelOutcome.Refused no = (CancelOutcome.Refused) s.cancel(r.id(), ANA);
    assertThat(no.kind()).isEqualTo(RefusalKind.NOT_REQUESTER);
    assertThat(no.reason())
        .isEqualTo("Only @bob (who asked) or an admin can cancel " + r.id() + ".");

    CancelOutcome.Cancelled yes = (CancelOutcome.Cancelled) s.cancel(r.id(), BOB);
    assertThat(yes.request().status()).isEqualTo(ApprovalStatus.CANCELLED);
    assertThat(yes.request().statusReason()).isEqualTo("cancelled by @bob");
    assertThat(((CancelOutcome.Refused) s.cancel(r.id(), BOB)).kind())
        .isEqualTo(RefusalKind.NOT_PENDING);

    ApprovalRequest r2 = s.open(Fixtures.restore(ApprovalPolicy.DEFAULT, null));
    Eligibility anaIsAdmin =
        new Eligibility() {
          @Override
          public Optional<String> whyNot(ChatUser voter, ApprovalRequest request) {
            return Optional.empty();
          }

          @Override
          public boolean isAdmin(ChatUser user, ApprovalRequest request) {
            return user.equals(ANA);
          }
        };
    assertThat(s.cancel(r2.id(), ANA, anaIsAdmin)).isInstanceOf(CancelOutcome.Cancelled.class);
    assertThat(auditActions(s))
        .containsExactly("open", "refused", "cancel", "refused", "open", "cancel");
  }

  @EachDatabase
  void aChangedSnapshotSupersedesTheApproval(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    ApprovalRequest r = s.open(Fixtures.restore(ApprovalPolicy.DEFAULT, null));
    s.vote(r.id(), ANA, Decision.APPROVE, ANYONE);

    assertThat(s.checkFingerprint(r.id(), Fixtures.inputs("created")))
        .isInstanceOf(FingerprintCheck.Match.class);
    assertThat(s.checkFingerprint(r.id(), Fixtures.inputs("created").digest()).isMatch()).isTrue();

    FingerprintCheck c = s.checkFingerprint(r.id(), Fixtures.inputs("failed"));
    assertThat(c).isInstanceOf(FingerprintCheck.Superseded.class);
    FingerprintCheck.Superseded sup = (FingerprintCheck.Superseded) c;
    assertThat(sup.reason())
        .isEqualTo("the snapshot changed since approval: status created → failed");
    assertThat(sup.request().status()).isEqualTo(ApprovalStatus.SUPERSEDED);
    assertThat(sup.request().statusReason())
        .isEqualTo("superseded: the snapshot changed since approval: status created → failed");
    assertThat(s.checkFingerprint(r.id(), Fixtures.inputs("created")))
        .isInstanceOf(FingerprintCheck.Unusable.class);
    assertThat(s.linkOperation(r.id(), "op-1"))
        .as("no operation from a superseded approval")
        .isFalse();
    assertThat(auditActions(s)).containsExactly("open", "approve", "approved", "supersede");
  }

  @EachDatabase
  void supersedeByNewerRequestAndOperationLinkOnlyOnce(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    ApprovalRequest old = s.open(Fixtures.restore(ApprovalPolicy.DEFAULT, null));
    ApprovalRequest fresh = s.open(Fixtures.restore(ApprovalPolicy.DEFAULT, null));
    assertThat(s.supersede(old.id(), "a newer identical request " + fresh.id())).isPresent();
    assertThat(s.supersede(old.id(), "again")).isEmpty();
    assertThat(((VoteOutcome.Refused) s.vote(old.id(), ANA, Decision.APPROVE, ANYONE)).reason())
        .contains("was superseded (superseded: a newer identical request " + fresh.id() + ")");

    assertThat(s.linkOperation(fresh.id(), "op-1")).as("not approved yet").isFalse();
    s.vote(fresh.id(), ANA, Decision.APPROVE, ANYONE);
    assertThat(s.attachMessage(fresh.id(), new MessageRef("C-ops", "123.45"))).isTrue();
    assertThat(s.linkOperation(fresh.id(), "op-1")).isTrue();
    assertThat(s.linkOperation(fresh.id(), "op-2")).isFalse();
    ApprovalRequest f = s.find(fresh.id()).orElseThrow();
    assertThat(f.operationId()).isEqualTo("op-1");
    assertThat(f.message()).isEqualTo(new MessageRef("C-ops", "123.45"));
    assertThat(s.supersede(fresh.id(), "too late")).as("operation already started").isEmpty();
  }

  @EachDatabase
  void tamperedOrUnknownReferencesAreRefusedAndLogged(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    Logger logger = (Logger) LoggerFactory.getLogger(ApprovalService.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      VoteOutcome.Refused bad =
          (VoteOutcome.Refused) s.vote("apr-1' OR '1'='1", ANA, Decision.APPROVE, ANYONE);
      assertThat(bad.kind()).isEqualTo(RefusalKind.INVALID_ID);
      assertThat(bad.request()).isNull();
      VoteOutcome.Refused unknown =
          (VoteOutcome.Refused) s.vote("apr-zzzzzzzz", ANA, Decision.APPROVE, ANYONE);
      assertThat(unknown.kind()).isEqualTo(RefusalKind.UNKNOWN);
      assertThat(unknown.reason()).isEqualTo("There is no approval request apr-zzzzzzzz.");
      assertThat(((CancelOutcome.Refused) s.cancel("", ANA)).kind())
          .isEqualTo(RefusalKind.INVALID_ID);
      assertThat(s.find("nonsense")).isEmpty();
    } finally {
      logger.detachAppender(logs);
    }
    assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(3);
    assertThat(logs.list.get(1).getFormattedMessage()).contains("U-ana").contains("apr-zzzzzzzz");
    assertThat(s.auditLog().recent(10, null))
        .extracting(e -> e.action())
        .containsOnly("refused")
        .hasSize(3);
  }

  @EachDatabase
  void pendingRequestsSurviveANewServiceInstance(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    ApprovalRequest r = s.open(Fixtures.restore(ApprovalPolicy.DEFAULT.withRequiredVotes(2), null));
    s.vote(r.id(), ANA, Decision.APPROVE, ANYONE);
    ApprovalService restarted = Fixtures.service(t.db(), clock);
    assertThat(restarted.pending()).extracting(ApprovalRequest::id).containsExactly(r.id());
    assertThat(restarted.vote(r.id(), CARL, Decision.APPROVE, ANYONE))
        .isInstanceOf(VoteOutcome.Approved.class);
  }

  // ---- approved -> operation started, exactly once

  private ApprovalRequest approved(ApprovalService s) {
    ApprovalRequest r = s.open(Fixtures.restore(ApprovalPolicy.DEFAULT, null));
    assertThat(s.vote(r.id(), ANA, Decision.APPROVE, ANYONE))
        .isInstanceOf(VoteOutcome.Approved.class);
    return s.find(r.id()).orElseThrow();
  }

  @EachDatabase
  void linkingAnOperationWritesItsAuditLineExactlyOnceUnderRacingCallers(TestDb t)
      throws Exception {
    ApprovalService s = Fixtures.service(t.db(), clock);
    ApprovalRequest r = approved(s);
    assertThat(s.approvedWithoutOperation())
        .extracting(ApprovalRequest::id)
        .containsExactly(r.id());
    int callers = 8;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(callers);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<Boolean>> wins = new java.util.ArrayList<>();
    for (int i = 0; i < callers; i++) {
      wins.add(
          pool.submit(
              () -> {
                go.await();
                return s.linkOperation(r, "op-1", "op-1 restore");
              }));
    }
    go.countDown();
    long won = 0;
    for (var f : wins) {
      won += f.get() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(won).isEqualTo(1);
    assertThat(s.find(r.id()).orElseThrow().operationId()).isEqualTo("op-1");
    assertThat(
            s.auditLog().recent(100, null).stream()
                .filter(e -> e.kind().equals("operation") && e.action().equals("start")))
        .hasSize(1)
        .allMatch(e -> e.userId().equals("U-bob") && e.detail().equals("op-1 restore"));
    assertThat(s.approvedWithoutOperation()).isEmpty();
  }

  @EachDatabase
  void theOperationsRecheckSupersedesOnlyOnARealDifference(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    ApprovalRequest r = approved(s);
    assertThat(s.linkOperation(r, "op-1", "op-1")).isTrue();
    assertThat(s.recheckForOperation(r.id(), "op-1", Fixtures.inputs("created")))
        .isInstanceOf(FingerprintCheck.Match.class);
    assertThat(s.recheckForOperation(r.id(), "op-2", Fixtures.inputs("created")))
        .as("another operation may not use it")
        .isInstanceOf(FingerprintCheck.Unusable.class);
    FingerprintCheck c = s.recheckForOperation(r.id(), "op-1", Fixtures.inputs("failed"));
    assertThat(c).isInstanceOf(FingerprintCheck.Superseded.class);
    assertThat(((FingerprintCheck.Superseded) c).reason())
        .isEqualTo("the snapshot changed since approval: status created → failed");
    ApprovalRequest after = s.find(r.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(ApprovalStatus.SUPERSEDED);
    assertThat(after.operationId()).isEqualTo("op-1");
    assertThat(auditActions(s)).endsWith("supersede");
  }
}
