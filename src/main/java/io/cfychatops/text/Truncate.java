package io.cfychatops.text;

/**
 * The one place that cuts text to a length: database columns, chat lines, error snippets, echoes of
 * user input. Lengths are counted in {@code char}s (UTF-16 units, never fewer than the code
 * points), a cut never splits a surrogate pair, and a cut text ends with {@link #ELLIPSIS}.
 * Redaction is a separate, explicit step: callers that show manager or exception text call {@link
 * Redactor#redact} first.
 */
public final class Truncate {
  /** Appended to every cut text. */
  public static final String ELLIPSIS = "…";

  /** Longest piece of user input echoed back in a message, in code points. */
  public static final int MAX_ECHO = 60;

  /** Longest error line quoted in an operation or nightly-run message. */
  public static final int MAX_LINE = 300;

  /** Characters of a SHA-256 shown to people. */
  public static final int SHA_PREFIX = 12;

  private Truncate() {}

  /**
   * {@code s} cut to at most {@code max} chars, the ellipsis included; {@code s} itself when it
   * fits (also {@code null}), {@code ""} when {@code max} leaves no room at all.
   */
  public static String clip(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    if (max <= 0) {
      return "";
    }
    int end = max - ELLIPSIS.length();
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + ELLIPSIS;
  }

  /**
   * {@code s} with every run of whitespace (line breaks included) made one space, stripped,
   * clipped.
   */
  public static String oneLine(String s, int max) {
    if (s == null) {
      return "";
    }
    return clip(s.replaceAll("\\s+", " ").strip(), max);
  }

  /**
   * The first line of stripped {@code s}, followed by {@code " …"} when more lines were dropped,
   * clipped to {@code max}; {@code ""} for {@code null}.
   */
  public static String firstLine(String s, int max) {
    if (s == null) {
      return "";
    }
    String t = s.strip();
    int nl = t.indexOf('\n');
    String line = nl < 0 ? t : t.substring(0, nl).stripTrailing() + " " + ELLIPSIS;
    return clip(line, max);
  }

  /**
   * User input as inline code for a chat message: at most {@link #MAX_ECHO} code points (then "…"),
   * backticks replaced by {@code '} and control or format characters by {@code ?}, so the message
   * markup cannot break.
   */
  public static String echo(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_ECHO) + 3);
    int count = 0;
    for (int i = 0; i < s.length() && count < MAX_ECHO; ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      count++;
      if (cp == '`') {
        b.append('\'');
      } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
        b.append('?');
      } else {
        b.appendCodePoint(cp);
      }
    }
    if (s.codePointCount(0, s.length()) > MAX_ECHO) {
      b.append(ELLIPSIS);
    }
    return "`" + b + "`";
  }

  /** The first {@value #SHA_PREFIX} characters of a hex digest; {@code "-"} when there is none. */
  public static String shaPrefix(String hex) {
    if (hex == null || hex.isEmpty()) {
      return "-";
    }
    return hex.length() <= SHA_PREFIX ? hex : hex.substring(0, SHA_PREFIX);
  }
}
