package io.cfychatops.command;

/** The bot's own commands that belong to no group: {@code help} and {@code audit}. */
public sealed interface BotCommand extends Command {

  /**
   * {@code help [TOPIC]}.
   *
   * @param topic a command path or group from {@link HelpText#topics()}; null for the overview
   */
  record Help(String topic) implements BotCommand {
    @Override
    public String canonical() {
      Canon c = new Canon(path());
      if (topic != null) {
        for (String word : topic.split(" ", -1)) {
          c.arg(word);
        }
      }
      return c.toString();
    }

    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.help(this);
    }
  }

  /** {@code audit [N]}: the last N audit entries (of the manager chosen with {@code -m}). */
  record Audit(int limit) implements BotCommand {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 200;

    public Audit {
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
      }
    }

    @Override
    public String canonical() {
      return new Canon(path())
          .arg(limit == DEFAULT_LIMIT ? null : Integer.toString(limit))
          .toString();
    }

    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.audit(this);
    }
  }
}
