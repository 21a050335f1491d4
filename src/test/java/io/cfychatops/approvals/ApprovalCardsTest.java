package io.cfychatops.approvals;

import static io.cfychatops.approvals.Fixtures.ANA;
import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.access.Role;
import io.cfychatops.chat.Button;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApprovalCardsTest {
  static final Instant T0 = Instant.parse("2025-01-15T09:00:00Z");

  static ApprovalRequest request(ApprovalStatus status, String reason) {
    return request(status, reason, null);
  }

  static ApprovalRequest request(ApprovalStatus status, String reason, String operationId) {
    NewApproval n = Fixtures.restore(ApprovalPolicy.DEFAULT.withRequiredVotes(2), "failed upgrade");
    return new ApprovalRequest(
        "apr-7f3k2q9m",
        n.manager(),
        n.tenant(),
        n.managerUrl(),
        n.action(),
        n.commandText(),
        n.fingerprint(),
        n.requester(),
        n.channel(),
        n.reason(),
        n.plan(),
        n.snapshotId(),
        n.snapshotCreatedAt(),
        n.snapshotStatus(),
        2,
        Set.of(Role.APPROVER, Role.ADMIN),
        Set.of("ops-leads"),
        status,
        reason,
        T0,
        T0.plusSeconds(1800),
        status.isFinal() ? T0.plusSeconds(60) : null,
        null,
        operationId,
        0);
  }

  @Test
  void anApprovedCardSaysWhetherItsOperationStarted() {
    Message starting =
        ApprovalCards.render(request(ApprovalStatus.APPROVED, "approved by @ana", null), List.of());
    assertThat(starting.lines()).contains("Starting the operation…");
    Message started =
        ApprovalCards.render(
            request(ApprovalStatus.APPROVED, "approved by @ana", "op-7f3k2q9m"), List.of());
    assertThat(started.lines())
        .contains("Operation op-7f3k2q9m started: `/cfy ops show op-7f3k2q9m`.");
    assertThat(started.buttons()).isEmpty();
    Message voided =
        ApprovalCards.render(
            request(
                ApprovalStatus.SUPERSEDED,
                "superseded: the snapshot changed since approval: status created → failed",
                "op-7f3k2q9m"),
            List.of());
    assertThat(voided.lines()).contains("Operation op-7f3k2q9m stopped before changing anything.");
  }

  @Test
  void pendingCardShowsEverythingAndCarriesOnlyTheIdInButtons() {
    ApprovalRequest r = request(ApprovalStatus.PENDING, null);
    Message m = ApprovalCards.render(r, List.of(new Vote(r.id(), ANA, Decision.APPROVE, T0)));
    assertThat(m.status()).isEqualTo(Status.PENDING);
    assertThat(m.title()).isEqualTo("Approval needed: restore on prod");
    String text = m.fallbackText();
    assertThat(text)
        .contains("@bob asks to run `cfy snapshots restore snap-1 --restore-certificates`")
        .contains("Manager: prod")
        .contains("Tenant: default_tenant")
        .contains("snap-1 (created 2025-01-14T02:00:05.123Z, status created)")
        .contains("Reason: failed upgrade")
        .contains(
            "Who may approve: admin or approver role, members of @ops-leads (not the requester)")
        .contains("Approvals needed: 2")
        .contains("Expires: 2025-01-15T09:30:00Z")
        .contains("Tally: 1 of 2 approvals: @ana")
        .contains("1. maintenance mode on")
        .contains("3. REST service restart");
    assertThat(m.buttons())
        .extracting(Button::actionId)
        .containsExactly(ApprovalCards.APPROVE, ApprovalCards.DENY, ApprovalCards.CANCEL);
    assertThat(m.buttons()).extracting(Button::value).containsOnly(r.id());
    Button approve = m.buttons().get(0);
    assertThat(approve.style()).isEqualTo(Button.Style.PRIMARY);
    assertThat(approve.confirm()).isNotNull();
    assertThat(m.buttons().get(1).style()).isEqualTo(Button.Style.DANGER);
    assertThat(m.buttons().get(2).label()).isEqualTo("Cancel request");
    assertThat(ApprovalCards.consoleHint(r))
        .isEqualTo("Type `approve apr-7f3k2q9m` as another user (e.g. `/as bob`) to approve.");
  }

  @Test
  void finalCardsHaveNoButtonsAndSayHowTheyEnded() {
    assertFinal(
        ApprovalStatus.APPROVED,
        "approved by @ana, @carl",
        Status.OK,
        "Approved by @ana, @carl at 2025-01-15T09:01:00Z.");
    assertFinal(ApprovalStatus.DENIED, "denied by @carl", Status.FAILED, "Denied by @carl");
    assertFinal(
        ApprovalStatus.EXPIRED,
        "expired at 2025-01-15T09:30:00Z",
        Status.WARNING,
        "Expired at 2025-01-15T09:30:00Z without enough approvals.");
    assertFinal(ApprovalStatus.CANCELLED, "cancelled by @bob", Status.INFO, "Cancelled by @bob");
    assertFinal(
        ApprovalStatus.SUPERSEDED,
        "superseded: the snapshot changed since approval: status created → failed",
        Status.WARNING,
        "Superseded: the snapshot changed since approval: status created → failed");
  }

  private static void assertFinal(ApprovalStatus s, String reason, Status status, String line) {
    Message m = ApprovalCards.render(request(s, reason), List.of());
    assertThat(m.buttons()).as(s.label()).isEmpty();
    assertThat(m.status()).isEqualTo(status);
    assertThat(m.lines()).anyMatch(l -> l.startsWith(line));
  }
}
