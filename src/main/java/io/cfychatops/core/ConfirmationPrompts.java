package io.cfychatops.core;

import io.cfychatops.approvals.ApprovalCards;
import io.cfychatops.approvals.ApprovalRequest;
import io.cfychatops.chat.ConfirmationPrompt;

/** The typed-confirmation form of an approval request's quorum-completing vote. */
final class ConfirmationPrompts {
  private ConfirmationPrompts() {}

  static ConfirmationPrompt of(ApprovalRequest r) {
    boolean snapshot = r.snapshotId() != null && !r.snapshotId().isEmpty();
    String what = snapshot ? "snapshot id" : "manager name";
    return new ConfirmationPrompt(
        ApprovalCards.APPROVE,
        r.id(),
        "Your approval completes "
            + r.id()
            + ": "
            + r.action()
            + " on "
            + r.manager()
            + ". To approve, type the "
            + what
            + " exactly: "
            + r.confirmationText(),
        snapshot ? "Snapshot id" : "Manager name");
  }
}
