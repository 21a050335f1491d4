package io.cfychatops.command;

import io.cfychatops.cloudify.SnapshotId;
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
import java.util.regex.Matcher;
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

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,255}");
  private static final Pattern CHANNEL_LINK = Pattern.compile("<#([A-Z0-9]{2,32})(?:\\|([^>]*))?>");
  private static final Pattern CHANNEL_NAME = Pattern.compile("[\\p{L}\\p{N}_.-]{1,80}");
  private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-[0-9]+(\\.[0-9]*)?");
  private static final Pattern WHOLE = Pattern.compile("[0-9]{1,9}");
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9})?|\\.[0-9]{1,9}");
  private static final int MAX_REASON = 500;
  private static final int MAX_PATH = 1024;
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
    } catch (Failure f) {
      return new ParseError(f.getMessage(), HelpText.usage(f.topic));
    } catch (RuntimeException | StackOverflowError e) {
      return new ParseError(INTERNAL_ERROR + ". Try `/cfy help`.", HelpText.overview());
    }
  }

  // ------------------------------------------------------------------------------------------

  /** Bails out of a parse with a user-facing message and the help topic to show with it. */
  private static final class Failure extends RuntimeException {
    final String topic;

    Failure(String message, String topic) {
      super(message, null, false, false);
      this.topic = topic;
    }
  }

  private static Failure fail(String topic, String message) {
    return new Failure(message, topic);
  }

  private static ParseResult doParse(String text) {
    if (text == null || text.isBlank()) {
      return new Parsed(new Command.Help(null), Globals.NONE);
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
      return new Parsed(new Command.Help(null), Globals.NONE);
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
        return new Parsed(new Command.Help(null), Globals.NONE);
      }
      throw fail(null, "Which command? Try `/cfy snapshots list`, or `/cfy help` for all of them.");
    }
    Set<Integer> pathIndexes = new HashSet<>();
    String path = resolvePath(words, positional, pathIndexes);
    if (path.indexOf(' ') < 0 && Grammar.group(path).isPresent()) {
      return new Parsed(new Command.Help(path), Globals.NONE); // a bare group: show its commands
    }
    if (help) {
      return new Parsed(new Command.Help(path.equals("help") ? null : path), Globals.NONE);
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
          throw fail(path, "`" + option.longName() + "` doesn't take a value; drop `=" + Truncate.echo(inline).replace("`", "") + "`.");
        }
        flags.add(option.longName());
      }
    }
    Globals globals = globals(path, values);
    return new Parsed(build(spec, args, values, flags), globals);
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

  private static Failure unknownOption(Grammar.Spec spec, String typed, String name) {
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
  private static String resolvePath(List<String> words, List<Integer> positional, Set<Integer> used) {
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
        return w1.equals("ops") ? "ops list" : w1;
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
    throw fail(null, "Unknown command " + Truncate.echo(typed) + "." + didYouMeanCommand(w1) + " Try `/cfy help`.");
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

  // ------------------------------------------------------------------------------------------

  private static Globals globals(String path, Map<String, String> values) {
    String manager = values.get("--manager");
    if (manager != null && !NAME.matcher(manager).matches()) {
      throw fail(path, Truncate.echo(manager) + " is not a manager name: names start with a letter or digit and use"
          + " only letters, digits, `-`, `.` and `_` (max 64 characters).");
    }
    String tenant = values.get("--tenant-name");
    if (tenant != null && !TENANT.matcher(tenant).matches()) {
      throw fail(path, Truncate.echo(tenant) + " is not a tenant name: use letters, digits, `-`, `.`, `_` and `@`.");
    }
    String reason = values.get("--reason");
    if (reason != null) {
      reason = reason.strip();
      if (reason.isEmpty()) {
        throw fail(path, "`--reason` needs some text, e.g. `--reason \"restore after failed upgrade\"`.");
      }
      if (reason.length() > MAX_REASON) {
        throw fail(path, "`--reason` is too long (" + reason.length() + " characters; the limit is " + MAX_REASON + ").");
      }
    }
    String incident = values.get("--incident");
    return new Globals(manager, tenant, reason, incident == null ? null : incident(path, incident));
  }

  private static Incident incident(String path, String value) {
    String v = value.strip();
    if (v.equalsIgnoreCase("new")) {
      return new Incident.NewChannel();
    }
    Matcher link = CHANNEL_LINK.matcher(v);
    if (link.matches()) {
      String name = link.group(2);
      return new Incident.Channel(link.group(1), name != null && CHANNEL_NAME.matcher(name).matches() ? name : null);
    }
    String name = v.startsWith("#") ? v.substring(1) : v;
    if (CHANNEL_NAME.matcher(name).matches()) {
      return new Incident.Channel(null, name);
    }
    throw fail(path, "`--incident` takes a channel (`#name`) or `new`, not " + Truncate.echo(value) + ".");
  }

  // ------------------------------------------------------------------------------------------

  private static Command build(Grammar.Spec spec, List<String> args, Map<String, String> values, Set<String> flags) {
    String path = spec.path();
    switch (path) {
      case "snapshots list" -> {
        noArgs(spec, args);
        String sortBy = values.getOrDefault("--sort-by", Command.SnapshotsList.DEFAULT_SORT).toLowerCase(Locale.ROOT);
        if (!Grammar.SORT_FIELDS.contains(sortBy)) {
          String guess = Suggest.closest(sortBy, Grammar.SORT_FIELDS).map(g -> " Did you mean `" + g + "`?").orElse("");
          throw fail(path, "Can't sort by " + Truncate.echo(sortBy) + "." + guess + " Sort by one of: "
              + String.join(", ", Grammar.SORT_FIELDS) + ".");
        }
        String search = values.get("--search");
        if (search != null && search.isBlank()) {
          throw fail(path, "`--search` needs some text to look for.");
        }
        int offset = whole(path, "--pagination-offset", values.get("--pagination-offset"), 0, 0, Integer.MAX_VALUE);
        int size = whole(path, "--pagination-size", values.get("--pagination-size"),
            Command.SnapshotsList.DEFAULT_SIZE, 1, Command.SnapshotsList.MAX_SIZE);
        return new Command.SnapshotsList(sortBy, flags.contains("--descending"), search, offset, size,
            flags.contains("--all-tenants"));
      }
      case "snapshots create" -> {
        String id = optionalArg(spec, args);
        if (id != null) {
          snapshotId(path, id);
        }
        if (flags.contains("--include-credentials") && flags.contains("--exclude-credentials")) {
          throw fail(path, "`--include-credentials` and `--exclude-credentials` contradict each other; pick one.");
        }
        if (flags.contains("--legacy") && flags.contains("--no-legacy")) {
          throw fail(path, "`--legacy` and `--no-legacy` contradict each other; pick one.");
        }
        Boolean legacy = flags.contains("--legacy") ? Boolean.TRUE : flags.contains("--no-legacy") ? Boolean.FALSE : null;
        String tempdir = values.get("--tempdir-path");
        if (tempdir != null) {
          checkPath(path, "--tempdir-path", tempdir);
          if (!tempdir.startsWith("/")) {
            throw fail(path, "`--tempdir-path` must be an absolute path on the manager, e.g. `/var/tmp`.");
          }
        }
        Double listenerTimeout = null;
        String lt = values.get("--listener-timeout");
        if (lt != null) {
          if (!DECIMAL.matcher(lt).matches() || !(Double.parseDouble(lt) > 0)) {
            throw fail(path, "`--listener-timeout` must be a number of seconds greater than 0, e.g. `10` or `2.5`, not "
                + Truncate.echo(lt) + ".");
          }
          if (Boolean.TRUE.equals(legacy)) {
            throw fail(path, "`--listener-timeout` cannot be used with `--legacy`: legacy snapshots don't listen for"
                + " changes. Drop one of them.");
          }
          listenerTimeout = Double.parseDouble(lt);
        }
        return new Command.SnapshotsCreate(id, !flags.contains("--exclude-credentials"),
            !flags.contains("--exclude-logs"), !flags.contains("--exclude-events"), flags.contains("--queue"),
            tempdir, legacy, listenerTimeout);
      }
      case "snapshots download" -> {
        String id = snapshotId(path, requiredArg(spec, args));
        String output = values.get("--output-path");
        if (output != null) {
          checkPath(path, "--output-path", output);
        }
        return new Command.SnapshotsDownload(id, output);
      }
      case "snapshots upload" -> {
        String source = requiredArg(spec, args);
        if (source.isBlank()) {
          throw fail(path, "`snapshots upload` needs a SOURCE: a stored archive, a path or a URL.");
        }
        checkPath(path, "SOURCE", source);
        String from = values.get("--from-manager");
        int scheme = source.indexOf("://");
        if (scheme >= 0) {
          String s = source.substring(0, scheme).toLowerCase(Locale.ROOT);
          if (!(s.equals("http") || s.equals("https") || s.equals("ftp"))) {
            throw fail(path, "The manager can only fetch `http`, `https` and `ftp` URLs, not " + Truncate.echo(source) + ".");
          }
          if (from != null) {
            throw fail(path, "`--from-manager` takes an archive name from our store, not a URL. Drop one of them.");
          }
        }
        if (from != null && !NAME.matcher(from).matches()) {
          throw fail(path, Truncate.echo(from) + " is not a manager name: names start with a letter or digit and use"
              + " only letters, digits, `-`, `.` and `_` (max 64 characters).");
        }
        String id = values.get("--snapshot-id");
        if (id != null) {
          snapshotId(path, id);
        }
        return new Command.SnapshotsUpload(source, id, from);
      }
      case "snapshots restore" -> {
        String id = snapshotId(path, requiredArg(spec, args));
        boolean certs = flags.contains("--restore-certificates");
        boolean noReboot = flags.contains("--no-reboot");
        if (noReboot && !certs) {
          throw fail(path, Command.SnapshotsRestore.NO_REBOOT_ERROR + ". Add `--restore-certificates` or drop `--no-reboot`.");
        }
        return new Command.SnapshotsRestore(id, flags.contains("--force"), certs, noReboot,
            flags.contains("--ignore-plugin-failure"), flags.contains("--no-safety-snapshot"),
            flags.contains("--encoding-alphabet-copied"));
      }
      case "snapshots delete" -> {
        return new Command.SnapshotsDelete(snapshotId(path, requiredArg(spec, args)));
      }
      case "snapshots status" -> {
        noArgs(spec, args);
        return new Command.SnapshotsStatus();
      }
      case "maintenance-mode status" -> {
        noArgs(spec, args);
        return new Command.MaintenanceStatus();
      }
      case "maintenance-mode activate" -> {
        noArgs(spec, args);
        boolean wait = flags.contains("--wait");
        String t = values.get("--timeout");
        if (t != null && !wait) {
          throw fail(path, "`--timeout` is only valid with `--wait`.");
        }
        Integer timeout = t == null ? null : whole(path, "--timeout", t, 0, 0, 86_400);
        return new Command.MaintenanceActivate(wait, timeout);
      }
      case "maintenance-mode deactivate" -> {
        noArgs(spec, args);
        return new Command.MaintenanceDeactivate();
      }
      case "status" -> {
        noArgs(spec, args);
        return new Command.Status();
      }
      case "cluster status" -> {
        noArgs(spec, args);
        return new Command.ClusterStatus();
      }
      case "help" -> {
        if (args.isEmpty()) {
          return new Command.Help(null);
        }
        String typed = String.join(" ", args);
        Optional<String> topic = HelpText.normaliseTopic(typed);
        if (topic.isPresent()) {
          return new Command.Help(topic.get());
        }
        String guess = Suggest.closest(typed, HelpText.topics()).map(g -> " Did you mean `" + g + "`?").orElse("");
        throw fail(null, "There's no help on " + Truncate.echo(typed) + "." + guess + " Try `/cfy help`.");
      }
      case "audit" -> {
        String n = optionalArg(spec, args);
        return new Command.Audit(whole(path, "The number of entries", n, Command.Audit.DEFAULT_LIMIT, 1, Command.Audit.MAX_LIMIT));
      }
      case "approve" -> {
        return new Command.Approve(shortId(path, requiredArg(spec, args), "request id"));
      }
      case "deny" -> {
        return new Command.Deny(shortId(path, requiredArg(spec, args), "request id"));
      }
      case "cancel" -> {
        return new Command.Cancel(shortId(path, requiredArg(spec, args), "request id"));
      }
      case "ops list" -> {
        noArgs(spec, args);
        return new Command.OpsList();
      }
      case "ops show" -> {
        return new Command.OpsShow(shortId(path, requiredArg(spec, args), "operation id"));
      }
      case "ops cancel" -> {
        return new Command.OpsCancel(shortId(path, requiredArg(spec, args), "operation id"));
      }
      case "backups status" -> {
        noArgs(spec, args);
        return new Command.BackupsStatus();
      }
      case "backups history" -> {
        String n = optionalArg(spec, args);
        return new Command.BackupsHistory(whole(path, "The number of nights", n, Command.BackupsHistory.DEFAULT_NIGHTS, 1,
            Command.BackupsHistory.MAX_NIGHTS));
      }
      case "backups run" -> {
        noArgs(spec, args);
        return new Command.BackupsRun();
      }
      case "backups retention" -> {
        noArgs(spec, args);
        if (!flags.contains("--dry-run")) {
          throw fail(path, "Only a dry run of retention is available from chat: `/cfy backups retention --dry-run`"
              + " shows what would be deleted. Archives are deleted by the nightly schedule.");
        }
        return new Command.BackupsRetention(true);
      }
      default -> throw new IllegalStateException("no builder for " + path);
    }
  }

  private static void noArgs(Grammar.Spec spec, List<String> args) {
    if (!args.isEmpty()) {
      throw fail(spec.path(), "`" + spec.path() + "` takes no arguments; " + Truncate.echo(args.get(0))
          + " was not expected.");
    }
  }

  private static String optionalArg(Grammar.Spec spec, List<String> args) {
    if (args.size() > 1) {
      throw tooMany(spec, args.get(1));
    }
    return args.isEmpty() ? null : args.get(0);
  }

  private static String requiredArg(Grammar.Spec spec, List<String> args) {
    if (args.isEmpty()) {
      throw fail(spec.path(), "`" + spec.path() + "` needs a " + spec.args() + ", e.g. `/cfy " + spec.path() + " "
          + example(spec.args()) + "`.");
    }
    if (args.size() > 1) {
      throw tooMany(spec, args.get(1));
    }
    return args.get(0);
  }

  private static Failure tooMany(Grammar.Spec spec, String extra) {
    return fail(spec.path(), "`" + spec.path() + "` takes one " + spec.args().replaceAll("[\\[\\]]", "") + ", so "
        + Truncate.echo(extra) + " is one too many. Put text with spaces in quotes.");
  }

  private static String example(String arg) {
    return switch (arg) {
      case "SNAPSHOT_ID" -> "nightly-2024-08-12";
      case "SOURCE" -> "nightly-2024-08-12.zip";
      case "REQUEST_ID" -> "apr-7f3k2q";
      case "OP_ID" -> "op-4d2x9a";
      default -> arg;
    };
  }

  private static String snapshotId(String path, String id) {
    Optional<String> problem = SnapshotId.problem(id);
    if (problem.isPresent()) {
      throw fail(path, problem.get());
    }
    return id;
  }

  private static String shortId(String path, String id, String what) {
    Optional<String> problem = ShortIds.problem(id, what);
    if (problem.isPresent()) {
      throw fail(path, problem.get());
    }
    return id;
  }

  private static void checkPath(String path, String what, String value) {
    if (value.isBlank() || value.length() > MAX_PATH) {
      throw fail(path, "`" + what + "` needs a path of 1 to " + MAX_PATH + " characters.");
    }
    for (String part : value.split("/", -1)) {
      if (part.equals("..")) {
        throw fail(path, "`" + what + "` must not contain `..`.");
      }
    }
  }

  private static int whole(String path, String what, String value, int dflt, int min, int max) {
    if (value == null) {
      return dflt;
    }
    if (WHOLE.matcher(value).matches()) {
      long n = Long.parseLong(value);
      if (n >= min && n <= max) {
        return (int) n;
      }
    }
    String range = max == Integer.MAX_VALUE ? min + " or more" : "from " + min + " to " + max;
    String label = what.startsWith("-") ? "`" + what + "`" : what;
    throw fail(path, label + " must be a whole number " + range + ", not " + Truncate.echo(value) + ".");
  }
}
