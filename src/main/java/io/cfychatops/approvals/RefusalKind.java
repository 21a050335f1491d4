package io.cfychatops.approvals;

/** Why a vote or cancel was refused; the accompanying message is meant for the user. */
public enum RefusalKind {
  /** The reference does not look like a request id (tampered button value); logged as WARN. */
  INVALID_ID,
  /** No such request; logged as WARN. */
  UNKNOWN,
  /** The requester tried to approve (or deny) their own request. */
  SELF_APPROVAL,
  /** The voter lacks the role or group membership the request names. */
  NOT_ELIGIBLE,
  /** The voter had already voted; the second click is not counted. */
  ALREADY_VOTED,
  /** The request is already approved, denied, expired, cancelled or superseded. */
  NOT_PENDING,
  /** The clock passed the expiry; the request has just been marked expired. */
  EXPIRED,
  /** Only the requester or an admin may cancel. */
  NOT_REQUESTER,
  /**
   * The approval would complete the quorum of a request with typed confirmation, and came as a
   * click (nothing typed): not counted; Slack then asks for the snapshot id in a modal.
   */
  CONFIRMATION_REQUIRED,
  /** The typed confirmation is not the request's snapshot id: nothing counted. */
  CONFIRMATION_MISMATCH
}
