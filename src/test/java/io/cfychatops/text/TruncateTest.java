package io.cfychatops.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TruncateTest {
  @Test
  void clipKeepsWithinTheLimitEllipsisIncluded() {
    assertThat(Truncate.clip("abcdef", 6)).isEqualTo("abcdef");
    assertThat(Truncate.clip("abcdefg", 6)).isEqualTo("abcde…").hasSize(6);
    assertThat(Truncate.clip(null, 3)).isNull();
    assertThat(Truncate.clip("abc", 0)).isEmpty();
    assertThat(Truncate.clip("abc", 1)).isEqualTo("…");
  }

  @Test
  void clipNeverSplitsASurrogatePair() {
    String s = "ab\uD83D\uDE00cd"; // a b 😀 c d
    String cut = Truncate.clip(s, 4);
    assertThat(cut).isEqualTo("ab…");
    assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
    assertThat(Truncate.clip(s, 5)).isEqualTo("ab\uD83D\uDE00…");
  }

  @Test
  void oneLineCollapsesWhitespace() {
    assertThat(Truncate.oneLine("  select *\n  from   t \n", 100)).isEqualTo("select * from t");
    assertThat(Truncate.oneLine("a  b  c  d", 5)).isEqualTo("a b …");
    assertThat(Truncate.oneLine(null, 5)).isEmpty();
  }

  @Test
  void firstLineMarksDroppedLines() {
    assertThat(Truncate.firstLine("  boom\n  at line 2\n", 300)).isEqualTo("boom …");
    assertThat(Truncate.firstLine("only line", 300)).isEqualTo("only line");
    assertThat(Truncate.firstLine("x".repeat(400), 300)).hasSize(300).endsWith("…");
    assertThat(Truncate.firstLine(null, 300)).isEmpty();
  }

  @Test
  void echoQuotesUserInputSafely() {
    assertThat(Truncate.echo("snap`shot\u0007")).isEqualTo("`snap'shot?`");
    String long70 = "\uD83D\uDE00".repeat(70);
    String shown = Truncate.echo(long70);
    assertThat(shown.codePointCount(0, shown.length())).isEqualTo(Truncate.MAX_ECHO + 3);
    assertThat(shown).endsWith("…`");
  }

  @Test
  void shaPrefix() {
    assertThat(Truncate.shaPrefix("0123456789abcdef0123")).isEqualTo("0123456789ab");
    assertThat(Truncate.shaPrefix("abc")).isEqualTo("abc");
    assertThat(Truncate.shaPrefix(null)).isEqualTo("-");
    assertThat(Truncate.shaPrefix("")).isEqualTo("-");
  }
}
