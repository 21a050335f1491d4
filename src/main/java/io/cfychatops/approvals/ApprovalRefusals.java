package io.cfychatops.approvals;

import io.cfychatops.chat.ChatUser;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refusals of votes and cancels (bad references, wrong state), audited, for {@link
 * ApprovalService}.
 */
final class ApprovalRefusals {
  private static final Logger log = LoggerFactory.getLogger(ApprovalService.class);

  private final ApprovalRepository repo;
  private final AuditLog audit;

  ApprovalRefusals(ApprovalRepository repo, AuditLog audit) {
    this.repo = repo;
    this.audit = audit;
  }

  Optional<VoteOutcome.Refused> checkReference(String requestId, ChatUser who, String verb) {
    if (!IdGenerator.isValidRequestId(requestId)) {
      log.warn(
          "Refused {} by {} ({}): malformed approval reference {}",
          verb,
          who.id(),
          who.teamId(),
          ApprovalTexts.sanitize(requestId));
      audit.record(
          who,
          "",
          "",
          ApprovalService.KIND,
          "refused",
          verb + " with malformed reference " + ApprovalTexts.sanitize(requestId));
      return Optional.of(
          new VoteOutcome.Refused(
              RefusalKind.INVALID_ID,
              "That approval reference isn't valid. Use the buttons on the approval card, or `approve apr-…`.",
              null));
    }
    if (repo.find(requestId).isEmpty()) {
      log.warn(
          "Refused {} by {} ({}): unknown approval request {}",
          verb,
          who.id(),
          who.teamId(),
          requestId);
      audit.record(
          who, "", "", ApprovalService.KIND, "refused", verb + " on unknown request " + requestId);
      return Optional.of(
          new VoteOutcome.Refused(
              RefusalKind.UNKNOWN, "There is no approval request " + requestId + ".", null));
    }
    return Optional.empty();
  }

  VoteOutcome.Refused refuse(
      RefusalKind kind, String reason, ApprovalRequest r, ChatUser who, String verb) {
    audit.record(
        who,
        r.channel(),
        r.manager(),
        ApprovalService.KIND,
        "refused",
        verb
            + " "
            + r.id()
            + " ("
            + kind.name().toLowerCase(java.util.Locale.ROOT)
            + "): "
            + reason);
    return new VoteOutcome.Refused(kind, reason, r);
  }
}
