package io.cfychatops.approvals;

/** The result of {@link ApprovalService#checkFingerprint}: may the approved action still run? */
public sealed interface FingerprintCheck {

  /** The target is unchanged: go ahead. */
  record Match(ApprovalRequest request) implements FingerprintCheck {}

  /**
   * The target changed, and this call moved the request to superseded. {@code reason} says what
   * changed, e.g. "the snapshot changed since approval: status created → failed".
   */
  record Superseded(ApprovalRequest request, String reason) implements FingerprintCheck {}

  /** The request cannot be used (unknown id, or not pending/approved any more). */
  record Unusable(RefusalKind kind, String reason) implements FingerprintCheck {}

  default boolean isMatch() {
    return this instanceof Match;
  }
}
