package io.cfychatops.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The query string of a request as a map, decoded by OkHttp's {@link HttpUrl}: {@code +} and {@code
 * %20} are spaces, {@code %2B} is a plus, keys keep their first-seen order and repeated keys keep
 * every value in order, a key without {@code =} has the value {@code ""}, empty pairs ({@code
 * a=1&&b=2}) are skipped, and a malformed escape ({@code %zz}) stays as it is. Linear in the length
 * of the query.
 */
public final class QueryString {
  private static final HttpUrl BASE = HttpUrl.get("http://query.invalid/");

  private QueryString() {}

  /**
   * Parses a raw (still percent-encoded) query, e.g. {@link java.net.URI#getRawQuery()}; null or
   * empty gives an empty map.
   */
  public static Map<String, List<String>> parse(@Nullable String raw) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    HttpUrl url = BASE.newBuilder().encodedQuery(raw).build();
    for (int i = 0, n = url.querySize(); i < n; i++) {
      String name = url.queryParameterName(i);
      String value = url.queryParameterValue(i);
      if (name.isEmpty() && value == null) {
        continue;
      }
      q.computeIfAbsent(name, k -> new ArrayList<>()).add(value == null ? "" : value);
    }
    return q;
  }
}
