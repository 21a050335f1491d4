package io.cfychatops.command;

/**
 * {@code approve|deny|cancel REQUEST_ID}: decisions on approval requests, typed instead of clicked.
 */
public sealed interface ApprovalCommand extends Command {

  /** The request the command is about, e.g. {@code apr-7f3k2q}. */
  String requestId();

  @Override
  default String canonical() {
    return new Canon(path()).arg(requestId()).toString();
  }

  /** {@code approve REQUEST_ID}. */
  record Approve(String requestId) implements ApprovalCommand {
    public Approve {
      ShortIds.require(requestId, "request id");
    }

    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.approve(this);
    }
  }

  /** {@code deny REQUEST_ID}. */
  record Deny(String requestId) implements ApprovalCommand {
    public Deny {
      ShortIds.require(requestId, "request id");
    }

    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.deny(this);
    }
  }

  /** {@code cancel REQUEST_ID}: withdraw one's own approval request. */
  record Cancel(String requestId) implements ApprovalCommand {
    public Cancel {
      ShortIds.require(requestId, "request id");
    }

    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.cancel(this);
    }
  }
}
