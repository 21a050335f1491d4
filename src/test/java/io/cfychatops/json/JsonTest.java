package io.cfychatops.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
  record Stamped(String name, Instant at) {}

  @Test
  void datesAreIsoStringsAndUnknownPropertiesAreIgnored() throws Exception {
    ObjectMapper m = Json.mapper();
    String out = m.writeValueAsString(new Stamped("a", Instant.parse("2024-08-12T10:15:03Z")));
    assertThat(out).isEqualTo("{\"name\":\"a\",\"at\":\"2024-08-12T10:15:03Z\"}");
    Stamped back =
        m.readValue("{\"name\":\"a\",\"at\":\"2024-08-12T10:15:03Z\",\"extra\":1}", Stamped.class);
    assertThat(back).isEqualTo(new Stamped("a", Instant.parse("2024-08-12T10:15:03Z")));
  }

  @Test
  void readsAreBoundedByTheLimits() {
    String deep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
    assertThatThrownBy(() -> Json.mapper().readTree(deep))
        .isInstanceOf(StreamConstraintsException.class);
    assertThat(Json.tryParse(deep)).isNull();
    String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
    assertThat(Json.tryParse(ok)).isNotNull();
    assertThat(Json.LIMITS.getMaxDocumentLength()).isEqualTo(Json.MAX_DOCUMENT_BYTES);
  }

  @Test
  void yamlUsesTheSameConfiguration() throws Exception {
    JsonNode n = Json.yaml().readTree("a: 1\nb: [x, y]\n");
    assertThat(Json.text(n, "a")).isEqualTo("1");
    assertThat(Json.strings(n.get("b"))).containsExactly("x", "y");
  }

  @Test
  void treeHelpersNeverThrow() {
    JsonNode n =
        Json.tryParse("{\"s\":\"v\",\"n\":null,\"o\":{},\"t\":\"TRUE\",\"b\":true,\"one\":\"x\"}");
    assertThat(Json.text(n, "s")).isEqualTo("v");
    assertThat(Json.text(n, "n")).isNull();
    assertThat(Json.text(n, "o")).isNull();
    assertThat(Json.text(n, "missing")).isNull();
    assertThat(Json.text(null, "s")).isNull();
    assertThat(Json.bool(n, "t")).isTrue();
    assertThat(Json.bool(n, "b")).isTrue();
    assertThat(Json.bool(n, "s")).isFalse();
    assertThat(Json.strings(n.get("one"))).containsExactly("x");
    assertThat(Json.strings(n.get("o"))).isEmpty();
    assertThat(Json.strings(null)).isEmpty();
    assertThat(Json.tryParse("not json")).isNull();
    assertThat(Json.tryParse("  ")).isNull();
    assertThat(new String(Json.bytes(List.of(1, "a")), StandardCharsets.UTF_8))
        .isEqualTo("[1,\"a\"]");
  }

  @Test
  void cloudifyTimestamps() {
    assertThat(Json.timestamp(Instant.parse("2024-08-12T10:15:03Z")))
        .isEqualTo("2024-08-12T10:15:03.000Z");
    assertThat(Json.timestamp(null)).isNull();
    assertThat(Json.parseInstant("2024-08-12T10:15:03.000Z"))
        .isEqualTo(Instant.parse("2024-08-12T10:15:03Z"));
    assertThat(Json.parseInstant("2024-08-12T10:15:03.123456"))
        .isEqualTo(Instant.parse("2024-08-12T10:15:03.123456Z"));
    assertThat(Json.parseInstant("2024-08-12 10:15:03"))
        .isEqualTo(Instant.parse("2024-08-12T10:15:03Z"));
    assertThat(Json.parseInstant("2024-08-12T12:15:03+02:00"))
        .isEqualTo(Instant.parse("2024-08-12T10:15:03Z"));
    assertThat(Json.parseInstant("")).isNull();
    assertThat(Json.parseInstant("yesterday")).isNull();
  }
}
