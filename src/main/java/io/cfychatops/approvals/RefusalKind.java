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
  NOT_REQUESTER
}
