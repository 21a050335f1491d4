package io.cfychatops.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfychatops.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sidecar codec on Jackson (cases carried over from the hand-written codec it replaced). */
class SidecarCodecTest {
  static final Path DIR = Path.of("/archives/default");
  static final String SHA = "ab".repeat(32);
  static final StoredArchive A =
      new StoredArchive(
          "default",
          "nightly-default-20240812-0200",
          1,
          DIR.resolve("nightly-default-20240812-0200.zip"),
          DIR.resolve("nightly-default-20240812-0200.json"),
          123_456_789_012L,
          SHA,
          Instant.parse("2024-08-12T00:00:01Z"),
          Instant.parse("2024-08-12T00:01:00Z"),
          "7.0.4 \"quoted\" \\ é ✓");

  /** What earlier releases wrote for {@link #A}: Jackson's default pretty printer of a flat map. */
  static String legacy(StoredArchive a) throws Exception {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("format", 1);
    n.put("manager", a.manager());
    n.put("snapshot_id", a.snapshotId());
    n.put("archive", a.archive().getFileName().toString());
    n.put("sha256", a.sha256());
    n.put("size_bytes", a.sizeBytes());
    n.put("created_at", a.createdAt().toString());
    n.put("stored_at", a.storedAt().toString());
    n.put("manager_version", a.managerVersion());
    return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(n);
  }

  @Test
  void aVersionOneSidecarIsByteForByteWhatEarlierReleasesWrote() throws Exception {
    byte[] written = SidecarCodec.write(A);

    assertThat(new String(written, StandardCharsets.UTF_8))
        .isEqualTo(legacy(A))
        .startsWith("{\n  \"format\" : 1,\n  \"manager\" : \"default\",");
    assertThat(SidecarCodec.read(A.sidecar(), written)).isEqualTo(A);
  }

  @Test
  void laterVersionsSayWhichAndReadBack() throws Exception {
    StoredArchive v2 =
        new StoredArchive(
            A.manager(),
            A.snapshotId(),
            2,
            DIR.resolve(A.snapshotId() + "~2.zip"),
            DIR.resolve(A.snapshotId() + "~2.json"),
            A.sizeBytes(),
            A.sha256(),
            A.createdAt(),
            A.storedAt(),
            A.managerVersion());

    String text = new String(SidecarCodec.write(v2), StandardCharsets.UTF_8);

    assertThat(text).contains("\"version\" : 2", "\"archive\" : \"" + A.snapshotId() + "~2.zip\"");
    assertThat(SidecarCodec.read(v2.sidecar(), text.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(v2);
  }

  @Test
  void oldCompactAndLenientSidecarsStillRead() throws Exception {
    String json =
        "\uFEFF {\"manager\": \"default\", \"snapshot_id\": \"s\", \"archive\": \"s.zip\","
            + " \"sha256\": \""
            + SHA
            + "\", \"size_bytes\": \" 43 \", \"created_at\":"
            + " \"2024-08-12T00:00:01Z\", \"stored_at\": \"2024-08-12T00:01:00Z\","
            + " \"extra\": {\"future\": [1, 2]}} \r\n";

    StoredArchive a =
        SidecarCodec.read(DIR.resolve("s.json"), json.getBytes(StandardCharsets.UTF_8));

    assertThat(a.sizeBytes()).isEqualTo(43);
    assertThat(a.version()).isEqualTo(1);
    assertThat(a.managerVersion()).isEqualTo("unknown");
    assertThat(a.archive()).isEqualTo(DIR.resolve("s.zip"));
  }

  @Test
  void unreadableSidecarsFailWithAReason() {
    assertThatThrownBy(
            () ->
                SidecarCodec.read(
                    A.sidecar(), "{\"a\":1} trailing".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class)
        .hasMessage("not valid JSON");
    assertThatThrownBy(
            () ->
                SidecarCodec.read(
                    A.sidecar(), "{\"created_at\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void numbersConvertLikeTheSidecarReaderNeeds() {
    JsonNode m =
        SidecarCodec.readObject(
                ("{\"n\": 42, \"s\": \" 43 \", \"x\": \"abc\", \"f\": 2.9,"
                        + " \"big\": 1e999999999, \"huge\": 123456789012345678901234567890, \"t\": true,"
                        + " \"z\": null, \"o\": {}}")
                    .getBytes(StandardCharsets.UTF_8))
            .orElseThrow();

    assertThat(SidecarCodec.longValue(m, "n", -1)).isEqualTo(42);
    assertThat(SidecarCodec.longValue(m, "s", -1)).isEqualTo(43);
    assertThat(SidecarCodec.longValue(m, "x", -1)).isEqualTo(-1);
    assertThat(SidecarCodec.longValue(m, "f", -1)).isEqualTo(2);
    assertThat(SidecarCodec.longValue(m, "big", -1)).isEqualTo(-1);
    assertThat(SidecarCodec.longValue(m, "huge", -1)).isEqualTo(-1);
    assertThat(SidecarCodec.longValue(m, "t", -1)).isEqualTo(-1);
    assertThat(SidecarCodec.longValue(m, "z", -1)).isEqualTo(-1);
    assertThat(SidecarCodec.longValue(m, "o", -1)).isEqualTo(-1);
    assertThat(SidecarCodec.longValue(m, "missing", -1)).isEqualTo(-1);
    assertThat(Json.text(m, "t")).isEqualTo("true");
    assertThat(Json.text(m, "o")).isNull();
  }

  @Test
  void junkIsEmptyNeverAnException() {
    List<String> junk =
        List.of(
            "",
            "   ",
            "null",
            "[1, 2]",
            "\"text\"",
            "42",
            "{",
            "}",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\":1,}",
            "{,}",
            "{'a':1}",
            "{a:1}",
            "{\"a\":1} trailing",
            "{\"a\":1}{}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":-}",
            "{\"a\":1e}",
            "{\"a\":+1}",
            "{\"a\":\"open}",
            "{\"a\":tru}",
            "{\"a\":nul}",
            "{\"a\":\"\\x\"}",
            "{\"a\":\"\\u12\"}",
            "{\"a\":\"\\u12zz\"}",
            "{\"a\":\"raw\u0001control\"}",
            "{\"a\":[1,]}",
            "{\"a\":[1 2]}",
            "{\"a\":{\"b\"}}",
            "{\"a\":{\"b\":1,}}",
            "{\"a\":[}",
            "<html>502 Bad Gateway</html>",
            "\u0000\u0000",
            "{\"a\":1}\u0000");
    for (String s : junk) {
      assertThat(SidecarCodec.readObject(s.getBytes(StandardCharsets.UTF_8))).as(s).isEmpty();
    }
    assertThat(SidecarCodec.readObject(null)).isEmpty();
    assertThat(SidecarCodec.readObject(new byte[] {(byte) 0xff, (byte) 0xfe, 0})).isEmpty();
  }

  @Test
  void deepNestingIsJunkNotAStackOverflow() {
    String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    assertThat(SidecarCodec.readObject(deep.getBytes(StandardCharsets.UTF_8))).isEmpty();
    String fine = "{\"a\":" + "[".repeat(50) + "]".repeat(50) + ",\"b\":1}";
    assertThat(SidecarCodec.readObject(fine.getBytes(StandardCharsets.UTF_8))).isPresent();
  }

  @Test
  void mangledDocumentsNeverThrow() {
    String valid =
        "{\"snapshot_version\": \"7.0.4\", \"n\": {\"x\": [1, 2.5e-3, \"\\u00e9\"]},"
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
      if (SidecarCodec.readObject(sb.toString().getBytes(StandardCharsets.UTF_8)).isPresent()) {
        parsed++;
      }
    }
    assertThat(parsed).as("some mutations stay valid JSON").isPositive();
  }
}
