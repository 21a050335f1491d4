package io.cfychatops.backup;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The little JSON this package needs, without a JSON library: {@link #write} renders a flat
 * object (string, number, boolean and null values) the way the archive sidecars have always
 * looked; {@link #parse} reads the top-level values of a JSON object (strings, numbers, booleans,
 * nulls), checks and skips nested objects and arrays, and never throws: anything that is not one
 * well-formed JSON object gives an empty result.
 */
final class FlatJson {
  /** Deeper nesting than this is treated as junk rather than risking the stack. */
  static final int MAX_DEPTH = 200;

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private FlatJson() {}

  /**
   * {@code fields} as a pretty-printed JSON object ({@code "key" : value}, two-space indent, one
   * field a line), in the map's iteration order.
   *
   * @throws IllegalArgumentException for a value that is not a String, Number, Boolean or null, or
   *     a non-finite number
   */
  static String write(Map<String, ?> fields) {
    if (fields.isEmpty()) {
      return "{ }";
    }
    StringBuilder sb = new StringBuilder("{");
    String sep = "\n";
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      sb.append(sep).append("  ");
      quote(sb, e.getKey());
      sb.append(" : ");
      Object v = e.getValue();
      if (v == null) {
        sb.append("null");
      } else if (v instanceof String s) {
        quote(sb, s);
      } else if (v instanceof Boolean b) {
        sb.append(b);
      } else if (v instanceof Double d && !Double.isFinite(d)
          || v instanceof Float f && !Float.isFinite(f)) {
        throw new IllegalArgumentException("`" + e.getKey() + "` is not a finite number: " + v);
      } else if (v instanceof Number n) {
        sb.append(n);
      } else {
        throw new IllegalArgumentException(
            "`" + e.getKey() + "` has an unsupported type " + v.getClass().getName());
      }
      sep = ",\n";
    }
    return sb.append("\n}").toString();
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04X", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /**
   * The top-level members of the JSON object in {@code text}: a {@link String}, a {@link
   * BigDecimal}, a {@link Boolean}, or {@code null} (JSON null) per key; members whose value is an
   * object or array are left out. A repeated key keeps its last value. Empty when {@code text} is
   * null or not exactly one well-formed JSON object (surrounding whitespace and a leading BOM are
   * allowed).
   */
  static Optional<Map<String, Object>> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      Parser p = new Parser(text);
      if (p.pos < text.length() && text.charAt(p.pos) == '\uFEFF') {
        p.pos++;
      }
      p.ws();
      Map<String, Object> out = p.object();
      p.ws();
      return p.pos == text.length() ? Optional.of(out) : Optional.empty();
    } catch (Junk e) {
      return Optional.empty();
    }
  }

  /** A string, number or boolean member as text; null when missing, JSON null or nested. */
  static String text(Map<String, Object> json, String key) {
    Object v = json.get(key);
    return v == null ? null : v.toString(); // BigDecimal.toString: never expands a huge exponent
  }

  /** A number member (or a string holding an integer) as a long; {@code otherwise} if not one. */
  static long longValue(Map<String, Object> json, String key, long otherwise) {
    Object v = json.get(key);
    if (v instanceof BigDecimal n) {
      return n.compareTo(LONG_MIN) < 0 || n.compareTo(LONG_MAX) > 0 ? otherwise : n.longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        return otherwise;
      }
    }
    return otherwise;
  }

  /** Marks the input as not parseable; carries no stack trace. */
  private static final class Junk extends Exception {
    Junk() {
      super(null, null, false, false);
    }
  }

  /** Marker for a skipped nested value. */
  private static final Object NESTED = new Object();

  private static final class Parser {
    private final String s;
    int pos;

    Parser(String s) {
      this.s = s;
    }

    Map<String, Object> object() throws Junk {
      Map<String, Object> out = new LinkedHashMap<>();
      expect('{');
      ws();
      if (peek() == '}') {
        pos++;
        return out;
      }
      while (true) {
        ws();
        String key = string();
        ws();
        expect(':');
        ws();
        Object v = value(1);
        if (v == NESTED) {
          out.remove(key);
        } else {
          out.put(key, v);
        }
        ws();
        char c = next();
        if (c == '}') {
          return out;
        }
        if (c != ',') {
          throw new Junk();
        }
      }
    }

    /** A value at nesting {@code depth}; nested containers are checked and become NESTED. */
    private Object value(int depth) throws Junk {
      char c = peek();
      switch (c) {
        case '"':
          return string();
        case '{':
        case '[':
          skipContainer(depth + 1);
          return NESTED;
        case 't':
          literal("true");
          return true;
        case 'f':
          literal("false");
          return false;
        case 'n':
          literal("null");
          return null;
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw new Junk();
      }
    }

    private void skipContainer(int depth) throws Junk {
      if (depth > MAX_DEPTH) {
        throw new Junk();
      }
      char open = next();
      char close = open == '{' ? '}' : ']';
      ws();
      if (peek() == close) {
        pos++;
        return;
      }
      while (true) {
        ws();
        if (open == '{') {
          string();
          ws();
          expect(':');
          ws();
        }
        value(depth);
        ws();
        char c = next();
        if (c == close) {
          return;
        }
        if (c != ',') {
          throw new Junk();
        }
      }
    }

    private String string() throws Junk {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return sb.toString();
        }
        if (c < 0x20) {
          throw new Junk();
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case '"' -> sb.append('"');
          case '\\' -> sb.append('\\');
          case '/' -> sb.append('/');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (pos + 4 > s.length()) {
              throw new Junk();
            }
            int code = 0;
            for (int i = 0; i < 4; i++) {
              int d = Character.digit(s.charAt(pos++), 16);
              if (d < 0) {
                throw new Junk();
              }
              code = code * 16 + d;
            }
            sb.append((char) code);
          }
          default -> throw new Junk();
        }
      }
    }

    private BigDecimal number() throws Junk {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      if (peek() == '0') {
        pos++;
      } else {
        digits();
      }
      if (peek() == '.') {
        pos++;
        digits();
      }
      if (peek() == 'e' || peek() == 'E') {
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        digits();
      }
      try {
        return new BigDecimal(s.substring(start, pos));
      } catch (NumberFormatException e) { // e.g. an exponent beyond int range
        throw new Junk();
      }
    }

    private void digits() throws Junk {
      int start = pos;
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        pos++;
      }
      if (pos == start) {
        throw new Junk();
      }
    }

    private void literal(String word) throws Junk {
      if (!s.startsWith(word, pos)) {
        throw new Junk();
      }
      pos += word.length();
    }

    void ws() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        pos++;
      }
    }

    private void expect(char c) throws Junk {
      if (next() != c) {
        throw new Junk();
      }
    }

    /** The next character, or NUL at the end (never valid where a real character is expected). */
    private char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private char next() throws Junk {
      if (pos >= s.length()) {
        throw new Junk();
      }
      return s.charAt(pos++);
    }
  }
}
