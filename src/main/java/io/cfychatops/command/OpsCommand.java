package io.cfychatops.command;

/** {@code ops list|show|cancel}: the bot's own operations. */
public sealed interface OpsCommand extends Command {

  /** {@code ops} / {@code ops list}: running and recent operations. */
  record List() implements OpsCommand {
    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.opsList(this);
    }
  }

  /** {@code ops show OP_ID}. */
  record Show(String opId) implements OpsCommand {
    public Show {
      ShortIds.require(opId, "operation id");
    }

    @Override
    public String canonical() {
      return new Canon(path()).arg(opId).toString();
    }

    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.opsShow(this);
    }
  }

  /** {@code ops cancel OP_ID}. */
  record Cancel(String opId) implements OpsCommand {
    public Cancel {
      ShortIds.require(opId, "operation id");
    }

    @Override
    public String canonical() {
      return new Canon(path()).arg(opId).toString();
    }

    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.opsCancel(this);
    }
  }
}
