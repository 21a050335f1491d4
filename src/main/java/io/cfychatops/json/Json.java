package io.cfychatops.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one Jackson configuration of the bot and the simulator, the tree helpers every adapter reads
 * JSON with, and Cloudify's timestamp format. Adapters only ({@code cloudify}, {@code sim}, {@code
 * store}, {@code config}, {@code archive}): the core never sees a Jackson type.
 *
 * <p>Every mapper made here: {@code java.time} values as ISO-8601 strings, unknown properties
 * ignored, empty beans allowed, and {@link #LIMITS} on what it reads, because most of what it reads
 * comes from outside the bot (a manager's responses, a config file, a client's request to the
 * simulator). Mappers are thread-safe once made; the tree helpers never throw on missing keys, JSON
 * nulls or wrong node types.
 */
public final class Json {
  /** Largest JSON document a mapper of this class reads: 64 MiB. */
  public static final long MAX_DOCUMENT_BYTES = 64L << 20;

  /** Deepest nesting of arrays and objects a mapper of this class reads. */
  public static final int MAX_DEPTH = 200;

  /** Longest single string value a mapper of this class reads (chars). */
  public static final int MAX_STRING = 16 << 20;

  /** The read limits of every mapper made here. */
  public static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxDocumentLength(MAX_DOCUMENT_BYTES)
          .maxNestingDepth(MAX_DEPTH)
          .maxStringLength(MAX_STRING)
          .build();

  private static final ObjectMapper SHARED = mapper();
  private static final DateTimeFormatter CLOUDIFY_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Json() {}

  /** A new JSON mapper with the shared configuration (see the class comment). */
  public static ObjectMapper mapper() {
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(LIMITS).build();
    return configure(JsonMapper.builder(factory)).build();
  }

  /** A new YAML mapper with the shared configuration, for the config file. */
  public static ObjectMapper yaml() {
    YAMLFactory factory = YAMLFactory.builder().streamReadConstraints(LIMITS).build();
    return configure(YAMLMapper.builder(factory)).build();
  }

  /**
   * A streaming-only factory reading under {@code limits} (the archive reader's own, tighter ones),
   * with field names canonicalized but not interned into the JVM's string pool: a hostile document
   * cannot grow that pool.
   */
  public static JsonFactory streaming(StreamReadConstraints limits) {
    return JsonFactory.builder()
        .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
        .streamReadConstraints(limits)
        .build();
  }

  private static <
          M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>>
      B configure(B builder) {
    return builder
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  // ------------------------------------------------------------------ trees

  /** Parses {@code body}; {@code null} when it is null, blank, not JSON or over the limits. */
  public static @Nullable JsonNode tryParse(@Nullable String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return SHARED.readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** A new, empty object node. */
  public static ObjectNode object() {
    return SHARED.createObjectNode();
  }

  /** {@code value} (a tree, map, list or record) as UTF-8 JSON. */
  public static byte[] bytes(Object value) {
    try {
      return SHARED.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The scalar at {@code field} as text; {@code null} when missing, JSON null or not a scalar. */
  public static @Nullable String text(@Nullable JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    return v.asText();
  }

  /**
   * {@code true} for a JSON {@code true} or the text {@code "true"} (any case) at {@code field}.
   */
  public static boolean bool(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && (v.isBoolean() ? v.booleanValue() : "true".equalsIgnoreCase(v.asText()));
  }

  /** An array of scalars, or one scalar, as an ordered set of texts; empty for anything else. */
  public static Set<String> strings(JsonNode node) {
    Set<String> out = new LinkedHashSet<>();
    if (node == null) {
      return out;
    }
    if (node.isArray()) {
      node.forEach(x -> out.add(x.asText()));
    } else if (node.isTextual()) {
      out.add(node.asText());
    }
    return out;
  }

  // ------------------------------------------------------------------ Cloudify timestamps

  /**
   * Cloudify's timestamp: UTC, milliseconds, {@code Z} ({@code 2024-08-12T10:15:03.123Z}); null
   * stays null.
   */
  public static @Nullable String timestamp(@Nullable Instant t) {
    return t == null ? null : CLOUDIFY_TIMESTAMP.format(t);
  }

  /**
   * The Cloudify timestamp at {@code field}; {@code ""}, null and unreadable values mean unset
   * (null).
   */
  public static @Nullable Instant instant(@Nullable JsonNode node, String field) {
    return parseInstant(text(node, field));
  }

  /**
   * Reads a Cloudify timestamp: {@code Z} or another offset, or none (UTC, as the server means),
   * with {@code T} or a space; {@code null} for null, blank or unreadable text.
   */
  public static @Nullable Instant parseInstant(@Nullable String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      // fall through: offsets other than Z, or no zone
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      // fall through
    }
    try {
      return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
