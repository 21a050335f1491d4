package io.cfychatops.command;

import java.util.Objects;
import java.util.Optional;

/** What {@link CommandParser#parse(String)} gives back: a command, or a friendly error. */
public sealed interface ParseResult {

  /** True for {@link Parsed}. */
  default boolean isParsed() {
    return this instanceof Parsed;
  }

  /** The command, if parsing succeeded. */
  default Optional<Command> commandIfParsed() {
    return this instanceof Parsed p ? Optional.of(p.command()) : Optional.empty();
  }

  /**
   * A command and the global options given with it.
   *
   * @param globals never null; {@link Globals#NONE} when none were given
   */
  record Parsed(Command command, Globals globals) implements ParseResult {
    public Parsed {
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(globals, "globals");
    }

    /**
     * The command's canonical line followed by the globals' (used for approvals and fingerprints).
     */
    public String canonical() {
      String g = globals.canonical();
      return g.isEmpty() ? command.canonical() : command.canonical() + " " + g;
    }
  }

  /**
   * The line could not be parsed.
   *
   * @param message one or two sentences saying what was wrong and what to do; never blank
   * @param usage the usage text of the command the user was after (or the overview); never blank
   */
  record ParseError(String message, String usage) implements ParseResult {
    public ParseError {
      if (message == null || message.isBlank()) {
        throw new IllegalArgumentException("message must not be blank");
      }
      if (usage == null || usage.isBlank()) {
        throw new IllegalArgumentException("usage must not be blank");
      }
    }
  }
}
