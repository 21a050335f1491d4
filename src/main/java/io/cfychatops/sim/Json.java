package io.cfychatops.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's JSON encoding: ordered maps written with the shared mapper and Cloudify's
 * timestamp format, both from {@link io.cfychatops.json.Json}. The simulator builds its bodies
 * itself on purpose (it is the test oracle; sharing the client's model parser would hide symmetric
 * bugs); only the Jackson configuration and the timestamp format are shared.
 */
final class Json {
  static final ObjectMapper MAPPER = io.cfychatops.json.Json.mapper();

  private Json() {}

  /**
   * Cloudify's timestamp ({@link io.cfychatops.json.Json#timestamp}); {@code null} stays {@code
   * null}.
   */
  static String timestamp(Instant t) {
    return io.cfychatops.json.Json.timestamp(t);
  }

  /** An insertion-ordered map from alternating keys and values (values may be null). */
  static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static byte[] bytes(Object value) {
    return io.cfychatops.json.Json.bytes(value);
  }
}
