package io.cfychatops.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The table behind the parser and the help text: every command path with its arguments, options and
 * wording. Wording follows the {@code cfy} CLI's help texts where the command mirrors it.
 */
final class Grammar {

  /**
   * One option.
   *
   * @param shortName e.g. {@code "-f"}, or null
   * @param metavar the value's placeholder, or null for a flag that takes no value
   * @param botSide null when the option's value is sent to the manager; otherwise what the bot does
   *     with it instead (the one place that says an option is legitimately not sent; {@code
   *     EveryFlagReachesTheManagerTest} holds every other option of an operation command to
   *     reaching the manager's request)
   */
  record Option(String longName, String shortName, String metavar, String help, String botSide) {
    Option(String longName, String shortName, String metavar, String help) {
      this(longName, shortName, metavar, help, null);
    }

    /**
     * This option, declared as consumed by the bot and not sent to the manager, because {@code
     * why}.
     */
    Option botSide(String why) {
      return new Option(longName, shortName, metavar, help, why);
    }

    boolean takesValue() {
      return metavar != null;
    }

    Flag flag() {
      return new Flag(longName, shortName, metavar, botSide);
    }

    String label() {
      String names = shortName == null ? "    " + longName : shortName + ", " + longName;
      return metavar == null ? names : names + " " + metavar;
    }
  }

  /**
   * One command.
   *
   * @param args the argument part of the usage line, e.g. {@code "SNAPSHOT_ID"}; empty for none
   */
  record Spec(
      ActionKind kind, String args, String summary, String description, List<Option> options) {
    String path() {
      return kind.path();
    }

    /** A line that runs this command, with an example of its required argument if it has one. */
    String example() {
      return "/cfy "
          + path()
          + (args.isEmpty() || args.startsWith("[") ? "" : " " + exampleArg(args));
    }

    private static String exampleArg(String arg) {
      return switch (arg) {
        case "SNAPSHOT_ID" -> "nightly-2024-08-12";
        case "SOURCE" -> "nightly-2024-08-12.zip";
        case "REQUEST_ID" -> "apr-7f3k2q";
        case "OP_ID" -> "op-4d2x9a";
        case "push SNAPSHOT_ID" -> "push nightly-2024-08-12";
        default -> arg;
      };
    }

    Optional<Option> option(String name) {
      for (Option o : options) {
        if (name.equals(o.longName()) || name.equals(o.shortName())) {
          return Optional.of(o);
        }
      }
      return Optional.empty();
    }
  }

  /** A command group such as {@code snapshots}. */
  record Group(String name, String summary, List<String> subcommands) {}

  static final Option MANAGER =
      new Option("--manager", "-m", "NAME", "The manager to act on (a name from the bot's config)")
          .botSide("picks which configured manager the bot calls");
  static final Option TENANT =
      new Option("--tenant-name", "-t", "TENANT", "The tenant to act in")
          .botSide(
              "checked against the manager entry's tenant, which the client sends as the Tenant header");
  static final Option REASON =
      new Option(
              "--reason", null, "TEXT", "Why: shown on the approval request and in the audit log")
          .botSide("shown on the approval request and in the audit log");
  static final Option INCIDENT =
      new Option(
              "--incident",
              null,
              "#CHANNEL|new",
              "Post progress to this channel, or open a new one")
          .botSide("where the bot posts the operation's progress");
  static final Option HELP =
      new Option("--help", "-h", null, "Show this message")
          .botSide("the bot shows help instead of running the command");

  /** Options every command accepts. */
  static final List<Option> GLOBALS = List.of(MANAGER, TENANT, REASON, INCIDENT, HELP);

  /** Fields {@code snapshots list --sort-by} accepts (the list's columns). */
  static final List<String> SORT_FIELDS =
      List.of("id", "created_at", "status", "error", "visibility", "tenant_name", "created_by");

  /** Other spellings of top-level words: alias to the word or path it stands for. */
  static final Map<String, String> ALIASES =
      Map.of("maintenance", "maintenance-mode", "cluster-status", ActionKind.CLUSTER_STATUS.path());

  private Grammar() {}

  /** Every command path, in help order. */
  static List<String> paths() {
    return List.copyOf(GrammarTable.SPECS.keySet());
  }

  static Optional<Spec> spec(String path) {
    return Optional.ofNullable(GrammarTable.SPECS.get(path));
  }

  /** The grammar of {@code kind}; every kind has one (the wiring test checks it). */
  static Optional<Spec> spec(ActionKind kind) {
    return Optional.ofNullable(GrammarTable.BY_KIND.get(kind));
  }

  static Optional<Group> group(String name) {
    return Optional.ofNullable(GrammarTable.GROUPS.get(name));
  }

  static List<Group> groups() {
    return List.copyOf(GrammarTable.GROUPS.values());
  }

  /** Words that may start a command: single-word commands and group names (no aliases). */
  static List<String> topWords() {
    Set<String> words = new LinkedHashSet<>();
    for (String path : GrammarTable.SPECS.keySet()) {
      int space = path.indexOf(' ');
      words.add(space < 0 ? path : path.substring(0, space));
    }
    return List.copyOf(words);
  }

  /** Long option names that take a value in any command, plus the globals': used to skip values. */
  static Set<String> valueOptionNames() {
    Set<String> names = new LinkedHashSet<>();
    List<Option> all = new ArrayList<>(GLOBALS);
    GrammarTable.SPECS.values().forEach(s -> all.addAll(s.options()));
    for (Option o : all) {
      if (o.takesValue()) {
        names.add(o.longName());
        if (o.shortName() != null) {
          names.add(o.shortName());
        }
      }
    }
    return Collections.unmodifiableSet(names);
  }
}
