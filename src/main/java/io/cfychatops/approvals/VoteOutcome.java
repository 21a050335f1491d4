package io.cfychatops.approvals;

import io.cfychatops.chat.ChatUser;
import java.util.List;
import java.util.stream.Collectors;

/** The result of {@link ApprovalService#vote}. */
public sealed interface VoteOutcome {

  /** The request as it stands after the vote (null only for INVALID_ID / UNKNOWN refusals). */
  ApprovalRequest request();

  /** The approval was counted; more are needed. */
  record Recorded(ApprovalRequest request, List<Vote> approvals, int needed)
      implements VoteOutcome {
    public Recorded {
      approvals = List.copyOf(approvals);
    }

    /** "1 of 2 approvals: @ana". */
    public String tally() {
      return ApprovalTexts.tally(approvals, needed);
    }
  }

  /**
   * This vote completed the quorum and this caller's compare-and-set moved the request to approved.
   * Exactly one caller, across all instances, receives it: that caller starts the operation.
   */
  record Approved(ApprovalRequest request, List<Vote> approvals) implements VoteOutcome {
    public Approved {
      approvals = List.copyOf(approvals);
    }

    public String approvers() {
      return approvals.stream().map(v -> v.voter().handle()).collect(Collectors.joining(", "));
    }
  }

  /** This caller's deny ended the request. */
  record Denied(ApprovalRequest request, ChatUser by) implements VoteOutcome {}

  /** Nothing was counted; {@code reason} says why, in words for the voter. */
  record Refused(RefusalKind kind, String reason, ApprovalRequest request) implements VoteOutcome {}
}
