package io.cfychatops.approvals;

import io.cfychatops.chat.ChatUser;
import java.util.List;
import java.util.Optional;

/**
 * Typed confirmation of the vote that completes a quorum, for {@link ApprovalService#vote}: checked
 * after the voter is known to be eligible, before anything is stored. The repository repeats the
 * "would this complete the quorum" test under the request's row lock ({@code mayComplete}), so a
 * race of untyped clicks cannot complete a request either.
 */
final class TypedConfirmations {
  private TypedConfirmations() {}

  static Optional<VoteOutcome.Refused> check(
      ApprovalRefusals refusals,
      ApprovalRepository repo,
      ApprovalRequest r,
      ChatUser voter,
      Decision decision,
      Confirmation c) {
    if (decision != Decision.APPROVE) {
      return Optional.empty();
    }
    if (c.typed() != null && !c.matches(r)) {
      return Optional.of(
          refusals.refuse(
              RefusalKind.CONFIRMATION_MISMATCH,
              "That is not the "
                  + what(r)
                  + " of "
                  + r.id()
                  + " (type it exactly, case matters); nothing was counted.",
              r,
              voter,
              "approve"));
    }
    if (!c.required() || c.matches(r)) {
      return Optional.empty();
    }
    List<Vote> votes = repo.votes(r.id());
    if (votes.stream().anyMatch(v -> v.voter().id().equals(voter.id()))) {
      return Optional.empty(); // a second vote: the repository refuses it as a duplicate
    }
    long approvals = votes.stream().filter(v -> v.decision() == Decision.APPROVE).count();
    return approvals + 1 >= r.requiredVotes()
        ? Optional.of(required(refusals, r, voter))
        : Optional.empty();
  }

  static VoteOutcome.Refused required(
      ApprovalRefusals refusals, ApprovalRequest r, ChatUser voter) {
    return refusals.refuse(
        RefusalKind.CONFIRMATION_REQUIRED,
        "Your approval would complete "
            + r.id()
            + ", which needs the "
            + what(r)
            + " typed to count: click *Approve* on the card and type it in the dialog, or `approve "
            + r.id()
            + " --confirm "
            + r.confirmationText()
            + "`. Nothing was counted.",
        r,
        voter,
        "approve");
  }

  /** "snapshot id" or "manager name". */
  static String what(ApprovalRequest r) {
    return r.snapshotId() == null || r.snapshotId().isEmpty() ? "manager name" : "snapshot id";
  }
}
