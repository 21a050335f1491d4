package io.cfychatops.command;

import static io.cfychatops.command.ParseFailure.fail;

import io.cfychatops.command.ParseResult.ParseError;
import io.cfychatops.command.ParseResult.Parsed;
import io.cfychatops.text.Truncate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses the text of a {@code /cfy} command into a {@link Command} and its {@link Globals}.
 *
 * <p>The grammar mirrors the {@code cfy} CLI: {@code [/cfy|cfy] COMMAND [SUBCOMMAND] [ARGS]
 * [OPTIONS]}, with options and global options ({@code -m}, {@code -t}, {@code --reason}, {@code
 * --incident}) allowed anywhere, {@code --opt=value} or {@code --opt value}, and {@code --} ending
 * the options. Text is first cleaned of what Slack does to it (see {@link Tokenizer}): {@code
 * —include-credentials} reads as {@code --include-credentials}.
 *
 * <p>{@link #parse(String)} never throws and never returns null. Stateless and thread-safe.
 */
public final class CommandParser {
  /** Longest input accepted, in characters (Slack caps slash-command text at about this). */
  public static final int MAX_INPUT_LENGTH = 4000;

  /** Start of the message returned if the parser itself fails; tests assert it never appears. */
  static final String INTERNAL_ERROR = "Sorry, something went wrong reading that command";

  private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-[0-9]+(\\.[0-9]*)?");
  private static final Set<String> VALUE_OPTIONS = Grammar.valueOptionNames();

  private CommandParser() {}

  /**
   * Parses one line. Null, blank and {@code cfy}-only lines give {@code Help(null)}.
   *
   * @return {@link Parsed} or {@link ParseError}; never null, never throws
   */
  public static ParseResult parse(String text) {
    try {
      return doParse(text);
    } catch (ParseFailure f) {
      return new ParseError(f.getMessage(), HelpText.usage(f.topic));
    } catch (RuntimeException | StackOverflowError e) {
      return new ParseError(INTERNAL_ERROR + ". Try `/cfy help`.", HelpText.overview());
    }
  }

  // ------------------------------------------------------------------------------------------

  private static ParseResult doParse(String text) {
    if (text == null || text.isBlank()) {
      return new Parsed(new BotCommand.Help(null), Globals.NONE);
    }
    if (text.length() > MAX_INPUT_LENGTH) {
      throw fail(
          null,
          "That's too long for a command ("
              + text.length()
              + " characters; the limit is "
              + MAX_INPUT_LENGTH
              + ").");
    }
    Tokenizer.Result tokenized = Tokenizer.tokenize(text);
    if (tokenized.error() != null) {
      throw fail(null, tokenized.error());
    }
    List<Tokenizer.Token> tokens = new ArrayList<>(tokenized.tokens());
    if (!tokens.isEmpty() && !tokens.get(0).quoted()) {
      String first = tokens.get(0).text().toLowerCase(Locale.ROOT);
      if (first.equals("/cfy") || first.equals("cfy")) {
        tokens.remove(0);
      }
    }
    if (tokens.isEmpty()) {
      return new Parsed(new BotCommand.Help(null), Globals.NONE);
    }
    List<String> words = tokens.stream().map(Tokenizer.Token::text).toList();

    // Pass 1: find the command path among the words that are not options or option values.
    List<Integer> positional = new ArrayList<>();
    boolean help = false;
    boolean endOfOptions = false;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (!endOfOptions && w.equals("--")) {
        endOfOptions = true;
      } else if (!endOfOptions && isOption(w)) {
        String name = optionName(w);
        if (name.equals("-h") || name.equals("--help")) {
          help = true;
        } else if (inlineValue(w) == null && VALUE_OPTIONS.contains(name)) {
          i++;
        }
      } else {
        positional.add(i);
      }
    }
    if (positional.isEmpty()) {
      if (help) {
        return new Parsed(new BotCommand.Help(null), Globals.NONE);
      }
      throw fail(null, "Which command? Try `/cfy snapshots list`, or `/cfy help` for all of them.");
    }
    Set<Integer> pathIndexes = new HashSet<>();
    String path = resolvePath(words, positional, pathIndexes);
    if (path.indexOf(' ') < 0 && Grammar.group(path).isPresent()) {
      return new Parsed(new BotCommand.Help(path), Globals.NONE); // a bare group: show its commands
    }
    if (help) {
      return new Parsed(
          new BotCommand.Help(path.equals(ActionKind.HELP.path()) ? null : path), Globals.NONE);
    }

    // Pass 2: options and arguments of that command.
    Grammar.Spec spec = Grammar.spec(path).orElseThrow();
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> flags = new HashSet<>();
    List<String> args = new ArrayList<>();
    endOfOptions = false;
    for (int i = 0; i < words.size(); i++) {
      if (pathIndexes.contains(i)) {
        continue;
      }
      String w = words.get(i);
      if (!endOfOptions && w.equals("--")) {
        endOfOptions = true;
        continue;
      }
      if (endOfOptions || !isOption(w)) {
        args.add(w);
        continue;
      }
      String name = optionName(w);
      String inline = inlineValue(w);
      Grammar.Option option = findOption(spec, name);
      if (option == null || (!w.startsWith("--") && inline != null && !option.takesValue())) {
        throw unknownOption(spec, w, option == null ? name : w);
      }
      if (option.takesValue()) {
        String value;
        if (inline != null) {
          value = inline;
        } else if (i + 1 < words.size() && !pathIndexes.contains(i + 1)) {
          value = words.get(++i);
        } else {
          throw fail(path, "`" + option.longName() + "` needs a value (" + option.metavar() + ").");
        }
        if (values.put(option.longName(), value) != null) {
          throw fail(path, "`" + option.longName() + "` was given twice; give it once.");
        }
      } else {
        if (inline != null) {
          throw fail(
              path,
              "`"
                  + option.longName()
                  + "` doesn't take a value; drop `="
                  + Truncate.echo(inline).replace("`", "")
                  + "`.");
        }
        flags.add(option.longName());
      }
    }
    Globals globals = Values.globals(path, values);
    return new Parsed(CommandBuilders.build(new CommandInput(spec, args, values, flags)), globals);
  }

  private static boolean isOption(String w) {
    return w.length() > 1 && w.charAt(0) == '-' && !NEGATIVE_NUMBER.matcher(w).matches();
  }

  /** {@code --name} of {@code --name=value} (lower-cased), or the {@code -x} of {@code -xVALUE}. */
  private static String optionName(String w) {
    if (w.startsWith("--")) {
      int eq = w.indexOf('=');
      return (eq < 0 ? w : w.substring(0, eq)).toLowerCase(Locale.ROOT);
    }
    return w.substring(0, Math.min(2, w.length()));
  }

  /** The value in {@code --name=value}, {@code -xVALUE} or {@code -x=VALUE}; null if none. */
  private static String inlineValue(String w) {
    if (w.startsWith("--")) {
      int eq = w.indexOf('=');
      return eq < 0 ? null : w.substring(eq + 1);
    }
    if (w.length() <= 2) {
      return null;
    }
    return w.charAt(2) == '=' ? w.substring(3) : w.substring(2);
  }

  private static Grammar.Option findOption(Grammar.Spec spec, String name) {
    for (Grammar.Option g : Grammar.GLOBALS) {
      if (name.equals(g.longName()) || name.equals(g.shortName())) {
        return g;
      }
    }
    return spec.option(name).orElse(null);
  }

  private static ParseFailure unknownOption(Grammar.Spec spec, String typed, String name) {
    List<String> candidates = new ArrayList<>();
    spec.options().forEach(o -> candidates.add(o.longName()));
    Grammar.GLOBALS.forEach(o -> candidates.add(o.longName()));
    String shown = name.startsWith("--") ? name : typed;
    String msg = "Unknown option " + Truncate.echo(shown) + " for `" + spec.path() + "`.";
    Optional<String> guess = Suggest.closest(shown.replaceFirst("^-+", "--"), candidates);
    if (guess.isPresent()) {
      msg += " Did you mean `" + guess.get() + "`?";
    } else {
      msg += " See `/cfy help " + spec.path() + "`.";
    }
    return fail(spec.path(), msg);
  }

  /** Resolves the command path from the first positional words; records the indexes it used. */
  private static String resolvePath(
      List<String> words, List<Integer> positional, Set<Integer> used) {
    int first = positional.get(0);
    String typed = words.get(first);
    String w1 = typed.toLowerCase(Locale.ROOT);
    used.add(first);
    String alias = Grammar.ALIASES.get(w1);
    if (alias != null) {
      if (alias.indexOf(' ') > 0) {
        return alias;
      }
      w1 = alias;
    }
    Optional<Grammar.Group> group = Grammar.group(w1);
    if (group.isPresent()) {
      if (positional.size() < 2) {
        return w1.equals("ops") ? ActionKind.OPS_LIST.path() : w1;
      }
      int second = positional.get(1);
      String sub = words.get(second).toLowerCase(Locale.ROOT);
      if (group.get().subcommands().contains(sub)) {
        used.add(second);
        return w1 + " " + sub;
      }
      String msg = "Unknown command " + Truncate.echo(w1 + " " + words.get(second)) + ".";
      Optional<String> guess = Suggest.closest(sub, group.get().subcommands());
      if (guess.isPresent()) {
        msg += " Did you mean `" + w1 + " " + guess.get() + "`?";
      }
      throw fail(w1, msg + " Try `/cfy help " + w1 + "`.");
    }
    if (Grammar.spec(w1).isPresent()) {
      return w1;
    }
    throw fail(
        null,
        "Unknown command "
            + Truncate.echo(typed)
            + "."
            + didYouMeanCommand(w1)
            + " Try `/cfy help`.");
  }

  private static String didYouMeanCommand(String word) {
    Map<String, String> candidates = new LinkedHashMap<>();
    Grammar.topWords().forEach(w -> candidates.put(w, w));
    Grammar.ALIASES.forEach(candidates::putIfAbsent);
    for (String path : Grammar.paths()) {
      int space = path.indexOf(' ');
      if (space > 0) {
        candidates.putIfAbsent(path.substring(space + 1), path);
      }
    }
    return Suggest.closest(word, candidates.keySet())
        .map(k -> " Did you mean `" + candidates.get(k) + "`?")
        .orElse("");
  }
}
