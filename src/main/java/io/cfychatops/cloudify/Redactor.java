package io.cfychatops.cloudify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in free text before it reaches logs, exception messages or Slack. Stateless and
 * thread-safe. Masks:
 *
 * <ul>
 *   <li>values of secret-looking keys in JSON, YAML, headers and query strings: any key containing
 *       {@code password}, {@code passwd}, {@code secret}, {@code token}, {@code api_key}, {@code
 *       authorization} or {@code credential} (e.g. {@code "postgresql_password": "x"}, {@code
 *       Authorization: Basic x}, {@code token=x});
 *   <li>{@code Basic <base64>} and {@code Bearer <token>} credentials anywhere;
 *   <li>Cloudify 6.4+ tokens {@code ctok-<id>-<secret>};
 *   <li>user info in URLs ({@code https://user:pass@host}).
 * </ul>
 *
 * Redaction is best effort on free text; the first line of defence is not to put secrets into
 * strings at all.
 */
public final class Redactor {

  public static final String MASK = "***";

  private static final String SECRET_WORD =
      "(?:password|passwd|pwd|secret|token|api[_-]?key|authorization|credential)";

  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i)[\\w.-]*" + SECRET_WORD + "[\\w.-]*");

  private static final Pattern KEY_VALUE =
      Pattern.compile(
          "(?i)([\"']?[\\w.-]*"
              + SECRET_WORD
              + "[\\w.-]*[\"']?\\s*[:=]\\s*)"
              + "(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|(?:Basic|Bearer)\\s+[^\\s,;&}\\]\"']+|[^\\s,;&}\\]\"']+)");

  private static final Pattern AUTH_SCHEME =
      Pattern.compile("(?i)\\b(Basic|Bearer)\\s+(?=[A-Za-z]*[0-9+/=._-])[A-Za-z0-9+/=._-]{6,}");

  private static final Pattern CLOUDIFY_TOKEN = Pattern.compile("\\bctok-[A-Za-z0-9]+-[A-Za-z0-9]+");

  private static final Pattern URL_USERINFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@:]+:[^/\\s@]+@");

  private Redactor() {}

  /** Returns {@code text} with secrets masked; null stays null. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String s = text;
    s = URL_USERINFO.matcher(s).replaceAll("$1" + MASK + "@");
    Matcher m = KEY_VALUE.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = m.group(2);
      String masked;
      if (value.startsWith("\"")) {
        masked = "\"" + MASK + "\"";
      } else if (value.startsWith("'")) {
        masked = "'" + MASK + "'";
      } else {
        masked = MASK;
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + masked));
    }
    m.appendTail(sb);
    s = sb.toString();
    s = AUTH_SCHEME.matcher(s).replaceAll("$1 " + MASK);
    s = CLOUDIFY_TOKEN.matcher(s).replaceAll("ctok-" + MASK);
    return s;
  }

  /** True when a map key or header name looks like it holds a secret. */
  public static boolean isSecretKey(String key) {
    return key != null && SECRET_KEY.matcher(key).matches();
  }

  /**
   * Copy of {@code map} with the values of secret-looking keys replaced by {@link #MASK} and
   * nested maps redacted recursively; other values pass through {@link #redact(String)} when they
   * are strings.
   */
  public static Map<String, Object> redactMap(Map<String, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach(
        (k, v) -> {
          if (isSecretKey(k)) {
            out.put(k, MASK);
          } else if (v instanceof Map<?, ?> nested) {
            Map<String, Object> n = new LinkedHashMap<>();
            nested.forEach((nk, nv) -> n.put(String.valueOf(nk), nv));
            out.put(k, redactMap(n));
          } else if (v instanceof String str) {
            out.put(k, redact(str));
          } else {
            out.put(k, v);
          }
        });
    return out;
  }
}
