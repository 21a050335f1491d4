package io.cfychatops.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.command.ParseResult.ParseError;
import io.cfychatops.command.ParseResult.Parsed;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** Fuzzing: whatever is typed, the parser answers with a command or a helpful error. */
class CommandParserProperties {

  private static final String SPECIAL = "—–-−\"'“”‘’„\\ \u00A0\u200B\t\n<>&#|=`@/.:_";

  @Property(tries = 10000)
  void randomTextNeverBreaksTheParser(@ForAll("noisyText") String text) {
    check(text);
  }

  @Property(tries = 10000)
  void lineFromTheRealVocabularyNeverBreaksTheParser(@ForAll("vocabularyLines") String text) {
    check(text);
  }

  private static void check(String text) {
    ParseResult r = CommandParser.parse(text);
    assertThat(r).isNotNull();
    Statistics.label("outcome").collect(r.isParsed() ? "parsed" : "error");
    if (r instanceof ParseError e) {
      assertThat(e.message()).isNotBlank().doesNotStartWith(CommandParser.INTERNAL_ERROR);
      assertThat(e.message().length()).isLessThan(600);
      assertThat(e.usage()).isNotBlank().hasSizeLessThan(HelpText.MAX_LENGTH);
    } else {
      Parsed p = (Parsed) r;
      assertThat(p.command()).isNotNull();
      // Whatever parses has a canonical line that parses back to the same thing.
      assertThat(CommandParser.parse(p.canonical())).as("canonical %s", p.canonical()).isEqualTo(p);
      assertThat(CommandParser.parse(p.command().canonical()).commandIfParsed())
          .contains(p.command());
    }
  }

  @Property(tries = 2000)
  void validLinesInAnyOrderParseAndRoundTrip(@ForAll("validLines") String text) {
    ParseResult r = CommandParser.parse(text);
    assertThat(r).as(text).isInstanceOf(Parsed.class);
    check(text);
  }

  /** A command path with its argument, a random subset of its options and globals, shuffled. */
  @Provide
  Arbitrary<String> validLines() {
    return Arbitraries.of(HelpText.commandPaths())
        .filter(p -> !p.equals("backups retention"))
        .flatMap(
            path -> {
              Grammar.Spec spec = Grammar.spec(path).orElseThrow();
              List<Grammar.Option> options = new ArrayList<>(spec.options());
              options.addAll(Grammar.GLOBALS.subList(0, 4));
              return Combinators.combine(
                      Arbitraries.subsetOf(options),
                      Arbitraries.shuffle(
                          List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)),
                      Arbitraries.of("", "/cfy ", "cfy "),
                      Arbitraries.of(false, true))
                  .as(
                      (chosen, order, prefix, mangle) ->
                          line(path, spec, chosen, order, prefix, mangle));
            });
  }

  private static String line(
      String path,
      Grammar.Spec spec,
      java.util.Set<Grammar.Option> chosen,
      List<Integer> order,
      String prefix,
      boolean mangle) {
    List<String> names = new ArrayList<>();
    chosen.forEach(o -> names.add(o.longName()));
    // Keep only consistent combinations.
    if (names.contains("--legacy")) {
      names.remove("--no-legacy");
      names.remove("--listener-timeout");
    }
    names.remove("--include-credentials");
    if (names.contains("--no-reboot") && !names.contains("--restore-certificates")) {
      names.add("--restore-certificates");
    }
    if (names.contains("--timeout") && !names.contains("--wait")) {
      names.add("--wait");
    }
    names.remove("--from-manager");
    names.remove("--from-offsite"); // the SOURCE below is a URL; --from-offsite takes a snapshot id
    List<String> parts = new ArrayList<>();
    for (String name : names) {
      Grammar.Option o = findOption(spec, name);
      String shown = mangle ? "—" + name.substring(2) : name;
      parts.add(o.takesValue() ? shown + " " + value(name) : shown);
    }
    List<String> shuffled = new ArrayList<>();
    for (int i : order) {
      if (i < parts.size()) {
        shuffled.add(parts.get(i));
      }
    }
    String arg =
        switch (spec.args()) {
          case "SNAPSHOT_ID", "[SNAPSHOT_ID]" -> " nightly-2024-08-12";
          case "push SNAPSHOT_ID" -> " push nightly-2024-08-12";
          case "SOURCE" -> " https://h.example/a.zip?x=1&amp;y=2";
          case "REQUEST_ID", "OP_ID" -> " apr-7f3k2q";
          case "[N]", "[NIGHTS]" -> " 7";
          case "[TOPIC]" -> " snapshots restore";
          default -> "";
        };
    return prefix + path + arg + (shuffled.isEmpty() ? "" : " " + String.join(" ", shuffled));
  }

  private static Grammar.Option findOption(Grammar.Spec spec, String name) {
    return Grammar.GLOBALS.stream()
        .filter(g -> g.longName().equals(name))
        .findFirst()
        .orElseGet(() -> spec.option(name).orElseThrow());
  }

  private static String value(String option) {
    return switch (option) {
      case "--sort-by" -> "status";
      case "--search" -> "“night ly”";
      case "--pagination-offset" -> "5";
      case "--pagination-size" -> "50";
      case "--tempdir-path" -> "/var/tmp";
      case "--listener-timeout" -> "2.5";
      case "--output-path" -> "copy.zip";
      case "--snapshot-id" -> "s2";
      case "--timeout" -> "60";
      case "--manager" -> "prod";
      case "--tenant-name" -> "default_tenant";
      case "--reason" -> "\"upgrade & rollback\"";
      case "--incident" -> "<#C123ABC|war-room>";
      case "--confirm" -> "nightly-2024-08-12";
      case "--format" -> "csv";
      default -> throw new IllegalArgumentException(option);
    };
  }

  @Provide
  Arbitrary<String> noisyText() {
    return Arbitraries.frequencyOf(
        List.of(
            Tuple.of(3, Arbitraries.strings().all().ofMaxLength(120)),
            Tuple.of(4, Arbitraries.strings().withChars(SPECIAL).alpha().numeric().ofMaxLength(80)),
            Tuple.of(2, Arbitraries.strings().withChars(SPECIAL).ofMaxLength(40)),
            Tuple.of(
                1, Arbitraries.strings().withChars("a —\"'").ofMinLength(3990).ofMaxLength(4100))));
  }

  @Provide
  Arbitrary<String> vocabularyLines() {
    List<String> vocab = new ArrayList<>();
    for (String path : HelpText.commandPaths()) {
      vocab.addAll(List.of(path.split(" ")));
      Grammar.spec(path)
          .orElseThrow()
          .options()
          .forEach(
              o -> {
                vocab.add(o.longName());
                vocab.add("—" + o.longName().substring(2));
                vocab.add("–" + o.longName().substring(2));
                if (o.shortName() != null) {
                  vocab.add(o.shortName());
                  vocab.add("–" + o.shortName().substring(1));
                }
              });
    }
    Grammar.GLOBALS.forEach(o -> vocab.add(o.longName()));
    vocab.addAll(
        List.of(
            "/cfy",
            "cfy",
            "-m",
            "-t",
            "-h",
            "--",
            "-",
            "—",
            "maintenance",
            "cluster-status",
            "snapshot",
            "lst",
            "nightly-2024-08-12",
            "s1",
            "snapshot_AB12CD",
            "9abc",
            "a/b",
            "..",
            "\"a b\"",
            "'x'",
            "“smart quotes”",
            "apr-7f3k2q",
            "op-4d2x9a",
            "prod",
            "default_tenant",
            "new",
            "#war-room",
            "<#C123ABC|war-room>",
            "<#C1>",
            "0",
            "1",
            "5",
            "20",
            "200",
            "201",
            "1000",
            "1001",
            "-1",
            "-5",
            "2.5",
            ".5",
            "1e3",
            "/var/tmp",
            "tmp",
            "https://h.example/a.zip",
            "<https://h.example/a.zip?x=1&amp;y=2|h.example/a.zip>",
            "ftp://h/b.zip",
            "file:///etc/passwd",
            "&amp;",
            "&lt;",
            "`s1`",
            "\"",
            "'",
            "\\",
            "id",
            "created_at",
            "creatd_at",
            "\"—force\"",
            "\"&amp;amp;\"",
            "don’t",
            "\"x\\\"y\"",
            "a.zip",
            "-o5",
            "-s=3",
            "--force=yes",
            "--x=y"));
    Arbitrary<List<String>> words = Arbitraries.of(vocab).list().ofMaxSize(12);
    Arbitrary<List<String>> seps =
        Arbitraries.of(" ", " ", " ", " ", "\u00A0", "=", "  ", "\t", "").list().ofSize(12);
    return Combinators.combine(words, seps)
        .as(
            (w, s) -> {
              StringBuilder b = new StringBuilder();
              for (int i = 0; i < w.size(); i++) {
                if (i > 0) {
                  b.append(s.get(i));
                }
                b.append(w.get(i));
              }
              return b.toString();
            });
  }
}
