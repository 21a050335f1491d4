package io.cfychatops.command;

import org.jspecify.annotations.Nullable;

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

  /**
   * {@code approve REQUEST_ID [--confirm SNAPSHOT_ID]}; {@code confirm} is the typed confirmation
   * (null when not given) that the vote completing a request with typed confirmation needs.
   */
  record Approve(String requestId, @Nullable String confirm) implements ApprovalCommand {
    public Approve {
      ShortIds.require(requestId, "request id");
    }

    public Approve(String requestId) {
      this(requestId, null);
    }

    @Override
    public String canonical() {
      return new Canon(path()).arg(requestId()).opt("--confirm", confirm).toString();
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
