package io.cfychatops.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Usage text for {@code /cfy}: an overview listing every command on one line, and per-command or
 * per-group usage with options, worded like the {@code cfy} CLI. Plain text (no Slack markup beyond
 * backticks); every text is shorter than {@link #MAX_LENGTH} characters.
 */
public final class HelpText {
  /** Upper bound on the length of any help text, so it fits one chat message comfortably. */
  public static final int MAX_LENGTH = 2500;

  private static final int LABEL_WIDTH = 34;

  private HelpText() {}

  /** Every command path, e.g. {@code "snapshots restore"}, {@code "status"}, in help order. */
  public static List<String> commandPaths() {
    return Grammar.paths();
  }

  /**
   * A line that runs {@code kind}, with an example of its required argument, e.g. {@code /cfy
   * snapshots restore nightly-2024-08-12}.
   */
  public static String example(ActionKind kind) {
    return Grammar.spec(kind).orElseThrow().example();
  }

  /**
   * The options {@code kind} accepts, its own first, then the global ones, as the grammar declares
   * them.
   */
  public static List<Flag> flags(ActionKind kind) {
    List<Flag> flags = new ArrayList<>();
    Grammar.spec(kind).orElseThrow().options().forEach(o -> flags.add(o.flag()));
    Grammar.GLOBALS.forEach(o -> flags.add(o.flag()));
    return List.copyOf(flags);
  }

  /** Every valid help topic: the command paths and the group names. */
  public static List<String> topics() {
    List<String> topics = new ArrayList<>(Grammar.paths());
    Grammar.groups().forEach(g -> topics.add(g.name()));
    return List.copyOf(topics);
  }

  /**
   * The topic {@code words} stands for, with case, spacing and aliases ({@code maintenance}, {@code
   * cluster-status}) normalised, or empty if it is no topic.
   */
  public static Optional<String> normaliseTopic(String words) {
    if (words == null) {
      return Optional.empty();
    }
    String t = String.join(" ", words.trim().toLowerCase(Locale.ROOT).split("\\s+"));
    int space = t.indexOf(' ');
    String first = space < 0 ? t : t.substring(0, space);
    String alias = Grammar.ALIASES.get(first);
    if (alias != null) {
      t = space < 0 ? alias : alias + t.substring(space);
    }
    return topics().contains(t) ? Optional.of(t) : Optional.empty();
  }

  /** The overview: how to call, then one line per command. */
  public static String overview() {
    StringBuilder b = new StringBuilder();
    b.append("Usage: /cfy COMMAND [ARGS] [OPTIONS]\n\nCommands:\n");
    for (String path : Grammar.paths()) {
      Grammar.Spec s = Grammar.spec(path).orElseThrow();
      String head = s.args().isEmpty() ? path : path + " " + s.args();
      b.append("  ").append(pad(head, LABEL_WIDTH)).append(s.summary()).append('\n');
    }
    b.append('\n').append(globalsLine());
    b.append("\nMore: `/cfy help COMMAND`, e.g. `/cfy help snapshots restore`.");
    return b.toString();
  }

  /**
   * Usage for {@code topic} (a command path, a group or an alias, any case); the overview for null,
   * blank or unknown topics.
   */
  public static String usage(String topic) {
    Optional<String> t = normaliseTopic(topic);
    if (t.isEmpty()) {
      return overview();
    }
    Optional<Grammar.Group> group = Grammar.group(t.get());
    if (group.isPresent()) {
      return groupUsage(group.get());
    }
    return commandUsage(Grammar.spec(t.get()).orElseThrow());
  }

  private static String groupUsage(Grammar.Group g) {
    StringBuilder b = new StringBuilder();
    b.append("Usage: /cfy ").append(g.name()).append(" COMMAND [ARGS] [OPTIONS]\n\n");
    b.append(g.summary()).append(".\n\nCommands:\n");
    for (String sub : g.subcommands()) {
      Grammar.Spec s = Grammar.spec(g.name() + " " + sub).orElseThrow();
      String head = s.args().isEmpty() ? sub : sub + " " + s.args();
      b.append("  ").append(pad(head, LABEL_WIDTH - 8)).append(s.summary()).append('\n');
    }
    b.append("\nMore: `/cfy help ").append(g.name()).append(" COMMAND`.");
    return b.toString();
  }

  private static String commandUsage(Grammar.Spec s) {
    StringBuilder b = new StringBuilder();
    b.append("Usage: /cfy ").append(s.path());
    if (!s.options().isEmpty() && !s.args().startsWith("-")) {
      b.append(" [OPTIONS]");
    }
    if (!s.args().isEmpty()) {
      b.append(' ').append(s.args());
    }
    b.append("\n\n").append(s.description()).append('\n');
    if (!s.options().isEmpty()) {
      b.append("\nOptions:\n");
      for (Grammar.Option o : s.options()) {
        b.append("  ").append(pad(o.label(), LABEL_WIDTH)).append(o.help()).append('\n');
      }
    }
    b.append('\n').append(globalsLine());
    return b.toString();
  }

  private static String globalsLine() {
    return "Global options: -m/--manager NAME, -t/--tenant-name TENANT, --reason TEXT,"
        + " --incident #CHANNEL|new, -h/--help.";
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + "  " : s + " ".repeat(width - s.length());
  }
}
