package io.cfychatops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlatJsonTest {
  static final String TRICKY = "quote \" back \\ slash / nl \n cr \r tab \t bs \b ff \f ctl \u0001 é ✓ 😀";

  static Map<String, Object> sample() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", 1);
    m.put("manager", "default");
    m.put("size_bytes", 123_456_789_012L);
    m.put("verified", true);
    m.put("note", null);
    m.put("tricky", TRICKY);
    m.put("", "empty key");
    return m;
  }

  @Test
  void roundTripKeepsEveryValueAndTheOrder() {
    Map<String, Object> back = FlatJson.parse(FlatJson.write(sample())).orElseThrow();

    assertThat(back.keySet()).containsExactly("format", "manager", "size_bytes", "verified", "note",
        "tricky", "");
    assertThat(back.get("format")).isEqualTo(new BigDecimal("1"));
    assertThat(back.get("manager")).isEqualTo("default");
    assertThat(FlatJson.longValue(back, "size_bytes", -1)).isEqualTo(123_456_789_012L);
    assertThat(back.get("verified")).isEqualTo(true);
    assertThat(back).containsEntry("note", null);
    assertThat(back.get("tricky")).isEqualTo(TRICKY);
    assertThat(back.get("")).isEqualTo("empty key");
  }

  @Test
  void writesWhatJacksonsPrettyPrinterWrote() throws Exception {
    // the sidecar format predates this codec: keep it byte for byte
    String jackson = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(sample());

    assertThat(FlatJson.write(sample())).isEqualTo(jackson);
    assertThat(FlatJson.write(Map.of())).isEqualTo(new ObjectMapper().writerWithDefaultPrettyPrinter()
        .writeValueAsString(Map.of()));
    // and Jackson reads ours
    assertThat(new ObjectMapper().readTree(FlatJson.write(sample())).path("tricky").asText())
        .isEqualTo(TRICKY);
  }

  @Test
  void escapesWhatJsonRequires() {
    String out = FlatJson.write(Map.of("k", "a\"b\\c\nd\u0000e\u001f"));

    assertThat(out).isEqualTo("{\n  \"k\" : \"a\\\"b\\\\c\\nd\\u0000e\\u001F\"\n}");
    assertThat(FlatJson.parse("{\"k\":\"\\u00e9\\/\\\"\\\\\\ud83d\\ude00\"}").orElseThrow())
        .containsEntry("k", "é/\"\\😀");
  }

  @Test
  void refusesValuesItCannotWrite() {
    assertThatThrownBy(() -> FlatJson.write(Map.of("k", List.of(1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`k`");
    assertThatThrownBy(() -> FlatJson.write(Map.of("k", Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
  }

  @Test
  void nestedObjectsAndArraysAreSkipped() {
    String json = "{\"a\": 1, \"n\": {\"x\": [1, {\"y\": \"}]\"}], \"z\": {}},"
        + " \"arr\": [1, \"2\", [3, []], null, true], \"b\": \"two\", \"c\": -1.5e3}";

    Map<String, Object> m = FlatJson.parse(json).orElseThrow();

    assertThat(m).containsOnlyKeys("a", "b", "c");
    assertThat(FlatJson.text(m, "a")).isEqualTo("1");
    assertThat(FlatJson.text(m, "b")).isEqualTo("two");
    assertThat(FlatJson.longValue(m, "c", 0)).isEqualTo(-1500);
    assertThat(FlatJson.text(m, "n")).isNull();
    assertThat(FlatJson.text(m, "missing")).isNull();
  }

  @Test
  void lastOfARepeatedKeyWinsAndAnEarlierScalarIsDroppedByALaterNestedValue() {
    assertThat(FlatJson.parse("{\"k\":1,\"k\":\"2\"}").orElseThrow()).containsEntry("k", "2");
    assertThat(FlatJson.parse("{\"k\":1,\"k\":[2]}").orElseThrow()).doesNotContainKey("k");
  }

  @Test
  void accessorsConvertLikeTheSidecarReaderNeeds() {
    Map<String, Object> m = new HashMap<>(FlatJson.parse(
        "{\"n\": 42, \"s\": \" 43 \", \"x\": \"abc\", \"f\": 2.9, \"big\": 1e999999999, \"t\": true,"
            + " \"z\": null}").orElseThrow());

    assertThat(FlatJson.longValue(m, "n", -1)).isEqualTo(42);
    assertThat(FlatJson.longValue(m, "s", -1)).isEqualTo(43);
    assertThat(FlatJson.longValue(m, "x", -1)).isEqualTo(-1);
    assertThat(FlatJson.longValue(m, "f", -1)).isEqualTo(2);
    assertThat(FlatJson.longValue(m, "big", -1)).isEqualTo(-1);
    assertThat(FlatJson.longValue(m, "t", -1)).isEqualTo(-1);
    assertThat(FlatJson.longValue(m, "z", -1)).isEqualTo(-1);
    assertThat(FlatJson.longValue(m, "missing", -1)).isEqualTo(-1);
    assertThat(FlatJson.text(m, "big")).isEqualTo("1E+999999999");
    assertThat(FlatJson.text(m, "t")).isEqualTo("true");
    assertThat(FlatJson.text(m, "z")).isNull();
  }

  @Test
  void whitespaceAndALeadingBomAreFine() {
    assertThat(FlatJson.parse("\uFEFF \n\t{ \"a\" : \"b\" } \r\n")).contains(Map.of("a", "b"));
    assertThat(FlatJson.parse("{}")).contains(Map.of());
  }

  @Test
  void junkIsEmptyNeverAnException() {
    List<String> junk = List.of("", "   ", "null", "[1, 2]", "\"text\"", "42", "{", "}", "{\"a\"}",
        "{\"a\":}", "{\"a\":1,}", "{,}", "{'a':1}", "{a:1}", "{\"a\":1} trailing", "{\"a\":1}{}",
        "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":+1}", "{\"a\":\"open}",
        "{\"a\":tru}", "{\"a\":nul}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12zz\"}",
        "{\"a\":\"raw\u0001control\"}", "{\"a\":[1,]}", "{\"a\":[1 2]}", "{\"a\":{\"b\"}}",
        "{\"a\":{\"b\":1,}}", "{\"a\":[}", "{\"a\":1e2147483648}", "<html>502 Bad Gateway</html>",
        "\u0000\u0000", "{\"a\":1}\u0000");
    for (String s : junk) {
      assertThat(FlatJson.parse(s)).as(s).isEmpty();
    }
    assertThat(FlatJson.parse(null)).isEmpty();
  }

  @Test
  void deepNestingIsJunkNotAStackOverflow() {
    String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    assertThat(FlatJson.parse(deep)).isEmpty();
    String fine = "{\"a\":" + "[".repeat(50) + "]".repeat(50) + ",\"b\":1}";
    assertThat(FlatJson.parse(fine).orElseThrow()).containsOnlyKeys("b");
  }

  @Test
  void mangledDocumentsNeverThrow() {
    String valid = "{\"snapshot_version\": \"7.0.4\", \"n\": {\"x\": [1, 2.5e-3, \"\\u00e9\"]},"
        + " \"ok\": true, \"nothing\": null}";
    String alphabet = "{}[]\":,\\u0123456789eE+-.tfnrl \n\"aé";
    Random r = new Random(42);
    int parsed = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder(valid);
      for (int k = 1 + r.nextInt(3); k > 0 && sb.length() > 0; k--) {
        int at = r.nextInt(sb.length());
        switch (r.nextInt(3)) {
          case 0 -> sb.deleteCharAt(at);
          case 1 -> sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
          default -> sb.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
        }
      }
      Optional<Map<String, Object>> m = FlatJson.parse(sb.toString());
      if (m.isPresent()) {
        parsed++;
      }
    }
    assertThat(parsed).as("some mutations stay valid JSON").isPositive();
  }
}
