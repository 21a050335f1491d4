package io.cfychatops.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfychatops.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The sidecar of a stored archive ({@code <snapshot>.json}, or {@code <snapshot>~N.json} for
 * version N), on Jackson with the shared {@link Json#mapper()} configuration and its read limits.
 *
 * <p>Written the way sidecars have always looked (Jackson's default pretty printer: {@code "key" :
 * value}, two-space indent, {@code \n} line ends), so a version-1 sidecar is byte for byte what
 * earlier releases wrote; {@code version} appears only from version 2 on. Read leniently, as
 * before: unknown members are ignored, a missing one takes its default, {@code size_bytes} may be a
 * number or a string holding one; anything that is not exactly one JSON object is unreadable.
 */
final class SidecarCodec {
  private static final ObjectMapper MAPPER = Json.mapper();
  private static final ObjectReader READER =
      MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final ObjectWriter WRITER =
      MAPPER.writer(
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private SidecarCodec() {}

  /** The sidecar of {@code a}, UTF-8. */
  static byte[] write(StoredArchive a) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("format", 1);
    n.put("manager", a.manager());
    n.put("snapshot_id", a.snapshotId());
    if (a.version() > 1) {
      n.put("version", a.version());
    }
    n.put("archive", a.archive().getFileName().toString());
    n.put("sha256", a.sha256());
    n.put("size_bytes", a.sizeBytes());
    n.put("created_at", a.createdAt().toString());
    n.put("stored_at", a.storedAt().toString());
    n.put("manager_version", a.managerVersion());
    try {
      return WRITER.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a sidecar: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The archive {@code bytes} (read from {@code sidecar}) describe.
   *
   * @throws IOException when they are not one JSON object or a timestamp is unreadable
   */
  static StoredArchive read(Path sidecar, byte[] bytes) throws IOException {
    JsonNode n = readObject(bytes).orElseThrow(() -> new IOException("not valid JSON"));
    try {
      return new StoredArchive(
          text(n, "manager", ""),
          text(n, "snapshot_id", ""),
          (int) Math.max(1, longValue(n, "version", 1)),
          sidecar.resolveSibling(text(n, "archive", "")),
          sidecar,
          longValue(n, "size_bytes", -1),
          text(n, "sha256", ""),
          Instant.parse(text(n, "created_at", "")),
          Instant.parse(text(n, "stored_at", "")),
          text(n, "manager_version", "unknown"));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * {@code bytes} as a JSON object; empty when they are anything else (another JSON value, junk,
   * trailing content, over {@link Json#LIMITS}). A leading UTF-8 byte-order mark is fine. Never
   * throws.
   */
  static Optional<JsonNode> readObject(byte @Nullable [] bytes) {
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      JsonNode n = READER.readTree(bytes);
      return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String text(JsonNode n, String field, String otherwise) {
    String v = Json.text(n, field);
    return v == null ? otherwise : v;
  }

  /** A number member (or a string holding an integer) as a long; {@code otherwise} if not one. */
  static long longValue(JsonNode n, String field, long otherwise) {
    JsonNode v = n.get(field);
    if (v == null) {
      return otherwise;
    }
    if (v.isIntegralNumber()) {
      return v.canConvertToLong() ? v.longValue() : otherwise;
    }
    if (v.isNumber()) {
      double d = v.doubleValue();
      return Double.isFinite(d) && Math.abs(d) < 0x1p63 ? (long) d : otherwise;
    }
    if (v.isTextual()) {
      try {
        return Long.parseLong(v.asText().strip());
      } catch (NumberFormatException e) {
        return otherwise;
      }
    }
    return otherwise;
  }
}
