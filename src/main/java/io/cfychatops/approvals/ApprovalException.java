package io.cfychatops.approvals;

/** A request could not be opened; the message is written for the user who asked. */
public class ApprovalException extends RuntimeException {
  public ApprovalException(String message) {
    super(message);
  }
}
