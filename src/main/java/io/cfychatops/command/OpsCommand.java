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

  /** {@code ops timeline OP_ID [--format md|csv|json]}: the incident timeline, md by default. */
  record Timeline(String opId, String format) implements OpsCommand {
    public static final String DEFAULT_FORMAT = "md";
    public static final java.util.List<String> FORMATS = java.util.List.of("md", "csv", "json");

    public Timeline {
      ShortIds.require(opId, "operation id");
      if (!FORMATS.contains(format)) {
        throw new IllegalArgumentException("format must be one of " + FORMATS + ", was " + format);
      }
    }

    @Override
    public String canonical() {
      return new Canon(path())
          .arg(opId)
          .opt("--format", DEFAULT_FORMAT.equals(format) ? null : format)
          .toString();
    }

    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.opsTimeline(this);
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
