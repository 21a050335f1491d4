package io.cfychatops.approvals;

import static io.cfychatops.approvals.Fixtures.ANA;
import static io.cfychatops.approvals.Fixtures.CARL;
import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.chat.ChatUser;
import io.cfychatops.store.EachDatabase;
import io.cfychatops.store.JdbcApprovalRepository;
import io.cfychatops.store.TestDatabases;
import io.cfychatops.store.TestDb;
import io.cfychatops.testing.SettableClock;
import java.util.List;

/** Typed confirmation of the vote that completes a quorum (issue 12 item 4). */
class TypedConfirmationTest {
  final SettableClock clock = SettableClock.at(TestDatabases.T0);
  static final Eligibility ANYONE = Eligibility.anyone();
  static final ChatUser DORA = new ChatUser("U-dora", "dora", "T1");
  static final ApprovalPolicy TWO_TYPED =
      ApprovalPolicy.DEFAULT.withRequiredVotes(2).withTypedConfirmation(true);

  private static List<String> refusals(ApprovalService s) {
    return s.auditLog().recent(100, null).stream()
        .filter(e -> e.action().equals("refused"))
        .map(AuditEntry::detail)
        .toList();
  }

  @EachDatabase
  void typedConfirmationWithAWrongIdCountsNoVote(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    ApprovalRequest r = s.open(Fixtures.restore(TWO_TYPED, null));
    Confirmation click = Confirmation.click(true);

    // the first approval does not complete the quorum: a plain click counts
    assertThat(s.vote(r.id(), ANA, Decision.APPROVE, ANYONE, click))
        .isInstanceOf(VoteOutcome.Recorded.class);

    // the second would complete it: a click counts nothing
    VoteOutcome clicked = s.vote(r.id(), CARL, Decision.APPROVE, ANYONE, click);
    assertThat(clicked).isInstanceOf(VoteOutcome.Refused.class);
    assertThat(((VoteOutcome.Refused) clicked).kind()).isEqualTo(RefusalKind.CONFIRMATION_REQUIRED);
    assertThat(((VoteOutcome.Refused) clicked).reason())
        .contains("--confirm snap-1")
        .contains("Nothing was counted");

    // wrong ids (another id, another case, padded) count nothing either
    for (String wrong : List.of("snap-2", "SNAP-1", " snap-1", "snap-1 ", "")) {
      VoteOutcome o =
          s.vote(r.id(), CARL, Decision.APPROVE, ANYONE, Confirmation.typed(true, wrong));
      assertThat(o).as(wrong).isInstanceOf(VoteOutcome.Refused.class);
      assertThat(((VoteOutcome.Refused) o).kind()).isEqualTo(RefusalKind.CONFIRMATION_MISMATCH);
      assertThat(s.votes(r.id())).extracting(v -> v.voter().id()).containsExactly(ANA.id());
      assertThat(s.find(r.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
    }
    assertThat(refusals(s))
        .hasSize(6)
        .allMatch(d -> d.startsWith("approve " + r.id() + " (confirmation_"));

    // the snapshot id, typed exactly, completes it
    VoteOutcome ok =
        s.vote(r.id(), CARL, Decision.APPROVE, ANYONE, Confirmation.typed(true, "snap-1"));
    assertThat(ok).isInstanceOf(VoteOutcome.Approved.class);
    assertThat(((VoteOutcome.Approved) ok).approvals())
        .extracting(v -> v.voter().id())
        .containsExactly(ANA.id(), CARL.id());
  }

  @EachDatabase
  void aWrongIdIsRefusedEvenOnAVoteThatWouldNotComplete(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    ApprovalRequest r = s.open(Fixtures.restore(TWO_TYPED, null));
    VoteOutcome o = s.vote(r.id(), ANA, Decision.APPROVE, ANYONE, Confirmation.typed(true, "x"));
    assertThat(((VoteOutcome.Refused) o).kind()).isEqualTo(RefusalKind.CONFIRMATION_MISMATCH);
    assertThat(s.votes(r.id())).isEmpty();
  }

  @EachDatabase
  void denyingNeedsNoTypingAndOtherRefusalsComeFirst(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    ApprovalRequest r =
        s.open(Fixtures.restore(ApprovalPolicy.DEFAULT.withTypedConfirmation(true), null));
    // the requester is told they cannot approve, not asked to type
    VoteOutcome self =
        s.vote(r.id(), Fixtures.BOB, Decision.APPROVE, ANYONE, Confirmation.click(true));
    assertThat(((VoteOutcome.Refused) self).kind()).isEqualTo(RefusalKind.SELF_APPROVAL);
    assertThat(s.vote(r.id(), ANA, Decision.DENY, ANYONE, Confirmation.click(true)))
        .isInstanceOf(VoteOutcome.Denied.class);
  }

  @EachDatabase
  void withoutTypedConfirmationAClickCompletesAsBefore(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    ApprovalRequest r = s.open(Fixtures.restore(ApprovalPolicy.DEFAULT, null));
    assertThat(s.vote(r.id(), ANA, Decision.APPROVE, ANYONE, Confirmation.click(false)))
        .isInstanceOf(VoteOutcome.Approved.class);
  }

  @EachDatabase
  void theStoreRefusesAnUntypedVoteThatWouldComplete(TestDb t) {
    // two untyped clicks racing past the service's check: the row lock decides, and refuses
    ApprovalService s = Fixtures.service(t.db(), clock);
    ApprovalRequest r = s.open(Fixtures.restore(TWO_TYPED, null));
    JdbcApprovalRepository repo = new JdbcApprovalRepository(t.db());
    var first =
        repo.castVote(
            new Vote(r.id(), ANA, Decision.APPROVE, clock.instant()), 2, false, clock.instant());
    assertThat(first.insert()).isEqualTo(ApprovalRepository.VoteInsert.INSERTED);
    var second =
        repo.castVote(
            new Vote(r.id(), DORA, Decision.APPROVE, clock.instant()), 2, false, clock.instant());
    assertThat(second.insert()).isEqualTo(ApprovalRepository.VoteInsert.NEEDS_CONFIRMATION);
    assertThat(second.decided()).isNull();
    assertThat(repo.votes(r.id())).hasSize(1);
    assertThat(repo.find(r.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
    // a second vote by the same person is still a duplicate, not a confirmation question
    var again =
        repo.castVote(
            new Vote(r.id(), ANA, Decision.APPROVE, clock.instant()), 2, false, clock.instant());
    assertThat(again.insert()).isEqualTo(ApprovalRepository.VoteInsert.DUPLICATE);
  }

  @EachDatabase
  void maintenanceRequestsConfirmWithTheManagerName(TestDb t) {
    ApprovalService s = Fixtures.service(t.db(), clock);
    NewApproval base = Fixtures.restore(ApprovalPolicy.DEFAULT.withTypedConfirmation(true), null);
    NewApproval maint =
        new NewApproval(
            base.manager(),
            base.tenant(),
            base.managerUrl(),
            ApprovalAction.MAINTENANCE_ACTIVATE.configName(),
            "cfy maintenance-mode activate",
            base.requester(),
            base.channel(),
            null,
            List.of("maintenance mode on"),
            null,
            null,
            null,
            base.policy());
    ApprovalRequest r = s.open(maint);
    assertThat(r.confirmationText()).isEqualTo("prod");
    assertThat(s.vote(r.id(), ANA, Decision.APPROVE, ANYONE, Confirmation.typed(true, "prod")))
        .isInstanceOf(VoteOutcome.Approved.class);
  }
}
