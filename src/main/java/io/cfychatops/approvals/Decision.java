package io.cfychatops.approvals;

/** A voter's choice. One DENY ends a request; APPROVE counts toward the quorum. */
public enum Decision {
  APPROVE,
  DENY
}
