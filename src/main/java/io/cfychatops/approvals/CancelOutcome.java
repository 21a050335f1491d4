package io.cfychatops.approvals;

/** The result of {@link ApprovalService#cancel}. */
public sealed interface CancelOutcome {

  /** This caller cancelled the request. */
  record Cancelled(ApprovalRequest request) implements CancelOutcome {}

  /** Not cancelled; {@code reason} is for the user; {@code request} may be null (unknown id). */
  record Refused(RefusalKind kind, String reason, ApprovalRequest request)
      implements CancelOutcome {}
}
