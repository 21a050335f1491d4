package io.cfychatops.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The one query-string parser (the simulator's list queries, Slack's HTTP mode). */
class QueryStringTest {

  @Test
  void decodesLikeAFormAndKeepsOrderAndRepeats() {
    Map<String, List<String>> q =
        QueryString.parse("_size=0&_sort=-created_at&id=a&id=b+c&x=%2B1&flag&&e=");
    assertThat(q)
        .containsExactly(
            entry("_size", List.of("0")),
            entry("_sort", List.of("-created_at")),
            entry("id", List.of("a", "b c")),
            entry("x", List.of("+1")),
            entry("flag", List.of("")),
            entry("e", List.of("")));
  }

  @Test
  void nothingGivesAnEmptyMap() {
    assertThat(QueryString.parse(null)).isEmpty();
    assertThat(QueryString.parse("")).isEmpty();
    assertThat(QueryString.parse("&&")).isEmpty();
  }

  @Test
  void malformedEscapesStayAsTheyAre() {
    assertThat(QueryString.parse("a=%zz&b=%e2%82%ac"))
        .containsExactly(entry("a", List.of("%zz")), entry("b", List.of("€")));
  }

  @Test
  void manyDistinctKeysParseInLinearTime() {
    StringBuilder raw = new StringBuilder();
    for (int i = 0; i < 200_000; i++) {
      raw.append("k").append(i).append("=v&");
    }
    long t0 = System.nanoTime();
    Map<String, List<String>> q = QueryString.parse(raw.toString());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(q).hasSize(200_000);
    assertThat(ms).as("200k keys (quadratic would take minutes)").isLessThan(10_000);
  }

  @Property(tries = 300)
  void whatAFormEncoderWritesComesBack(
      @ForAll @StringLength(max = 20) String key, @ForAll @StringLength(max = 40) String value) {
    String k = key.isEmpty() ? "k" : key;
    String raw =
        URLEncoder.encode(k, StandardCharsets.UTF_8)
            + "="
            + URLEncoder.encode(value, StandardCharsets.UTF_8)
            + "&z=1";
    assertThat(QueryString.parse(raw)).containsEntry(k, List.of(value));
  }
}
