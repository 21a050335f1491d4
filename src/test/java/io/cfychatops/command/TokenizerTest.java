package io.cfychatops.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenizerTest {

  private static List<String> words(String text) {
    Tokenizer.Result r = Tokenizer.tokenize(text);
    assertThat(r.error()).as(text).isNull();
    return r.tokens().stream().map(Tokenizer.Token::text).toList();
  }

  static Stream<Arguments> lines() {
    return Stream.of(
        Arguments.of("a  b\tc\nd", List.of("a", "b", "c", "d")),
        Arguments.of("a\u00A0b\u202Fc\u2007d\u3000e", List.of("a", "b", "c", "d", "e")),
        Arguments.of("a\u200Bb \uFEFFc", List.of("ab", "c")),
        Arguments.of("a\u0000b\u0007c", List.of("a", "b", "c")),
        Arguments.of("\"a b\" 'c d'", List.of("a b", "c d")),
        Arguments.of("“a b” ‘c d’ „e f”", List.of("a b", "c d", "e f")),
        Arguments.of("x\"a b\"y", List.of("xa by")),
        Arguments.of("\"\"", List.of("")),
        Arguments.of("\"it's\" 'say \"hi\"'", List.of("it's", "say \"hi\"")),
        Arguments.of("don't don’t", List.of("don't", "don’t")),
        Arguments.of("a\\ b \\\"c\\\" \\\\d", List.of("a b", "\"c\"", "\\d")),
        Arguments.of("\"a \\\" b \\\\ c\"", List.of("a \" b \\ c")),
        Arguments.of("C:\\tmp\\x", List.of("C:\\tmp\\x")),
        Arguments.of("&amp; &lt;x&gt; &amp;lt;", List.of("&", "<x>", "&lt;")),
        Arguments.of("\"&amp;\"", List.of("&")),
        Arguments.of(
            "<https://h/a.zip|h/a.zip> <http://h/b.zip> <ftp://h/c>",
            List.of("https://h/a.zip", "http://h/b.zip", "ftp://h/c")),
        Arguments.of("<#C123|chan> <@U123>", List.of("<#C123|chan>", "<@U123>")),
        Arguments.of("\"<https://h/a.zip|x>\"", List.of("<https://h/a.zip|x>")),
        Arguments.of("`apr-1` `", List.of("apr-1", "`")),
        Arguments.of(
            "—x –force –f —f —— – -- - —5 −3",
            List.of("-x", "--force", "-f", "-f", "--", "--", "--", "-", "-5", "-3")),
        Arguments.of("–o=3 —output-path=x ---a", List.of("-o=3", "--output-path=x", "---a")),
        Arguments.of("\"—force\" a—b", List.of("—force", "a—b")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("lines")
  void splitsLikeAShellAfterUndoingSlack(String text, List<String> expected) {
    assertThat(words(text)).isEqualTo(expected);
  }

  static Stream<Arguments> unclosed() {
    return Stream.of(
        Arguments.of("'a", "single quote"),
        Arguments.of("\"a", "double quote"),
        Arguments.of("“a", "double quote"),
        Arguments.of("a ‘b", "single quote"));
  }

  @ParameterizedTest
  @MethodSource("unclosed")
  void unclosedQuotesAreReported(String text, String kind) {
    Tokenizer.Result r = Tokenizer.tokenize(text);
    assertThat(r.error()).contains("unclosed " + kind);
    assertThat(r.tokens()).isEmpty();
  }

  @Test
  void quotedTokensAreMarked() {
    List<Tokenizer.Token> tokens = Tokenizer.tokenize("a \"b\" c' d e'").tokens();
    assertThat(tokens).extracting(Tokenizer.Token::quoted).containsExactly(false, true, true);
  }
}
