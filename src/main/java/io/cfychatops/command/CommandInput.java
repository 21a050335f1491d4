package io.cfychatops.command;

import static io.cfychatops.command.ParseFailure.fail;

import io.cfychatops.text.Truncate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words of one command line after the parser's second pass, for {@link CommandBuilders}: the
 * command's grammar, its positional arguments, the values of its options (by long name) and the
 * flags given (by long name).
 */
record CommandInput(
    Grammar.Spec spec, List<String> args, Map<String, String> values, Set<String> flags) {

  String path() {
    return spec.path();
  }

  boolean flag(String longName) {
    return flags.contains(longName);
  }

  /** The value of option {@code longName}; null if not given. */
  String value(String longName) {
    return values.get(longName);
  }

  /** Fails naming the first argument, if any was given. */
  void requireNoArgs() {
    if (!args.isEmpty()) {
      throw fail(
          path(),
          "`"
              + path()
              + "` takes no arguments; "
              + Truncate.echo(args.get(0))
              + " was not expected.");
    }
  }

  /** {@code command} if no argument was given; otherwise a failure naming the first one. */
  <C extends Command> C noArgs(C command) {
    requireNoArgs();
    return command;
  }

  /** The one argument, or null when none was given. */
  String optionalArg() {
    if (args.size() > 1) {
      throw tooMany(args.get(1));
    }
    return args.isEmpty() ? null : args.get(0);
  }

  /** The one argument the command needs. */
  String requiredArg() {
    if (args.isEmpty()) {
      throw fail(
          path(), "`" + path() + "` needs a " + spec.args() + ", e.g. `" + spec.example() + "`.");
    }
    if (args.size() > 1) {
      throw tooMany(args.get(1));
    }
    return args.get(0);
  }

  private ParseFailure tooMany(String extra) {
    return fail(
        path(),
        "`"
            + path()
            + "` takes one "
            + spec.args().replaceAll("[\\[\\]]", "")
            + ", so "
            + Truncate.echo(extra)
            + " is one too many. Put text with spaces in quotes.");
  }
}
