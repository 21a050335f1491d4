package io.cfychatops.text;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Masks secrets in free text before it reaches logs, exception messages, the audit log or chat: the
 * one redactor of the bot (the log converters use it too). Stateless and thread-safe. Masks:
 *
 * <ul>
 *   <li>values of secret-looking keys in JSON (also backslash-escaped JSON), YAML, headers and query
 *       strings: any key containing {@code password}, {@code passwd}, {@code pwd}, {@code
 *       passphrase}, {@code secret}, {@code token}, {@code api_key}, {@code authorization}, {@code
 *       credential}, {@code signature} or {@code private_key}, and the key {@code sig} (Azure SAS).
 *       So {@code X-Amz-Signature}, {@code X-Amz-Credential}, {@code X-Amz-Security-Token}, GCS
 *       {@code Signature} and {@code X-Goog-Signature} are masked. A quoted value is masked whole,
 *       spaces included; an unquoted YAML value ({@code key: value} at the start of a line) to the
 *       end of the line; any other unquoted value to the next space or delimiter ({@code Basic x} /
 *       {@code Bearer x} count as one value);
 *   <li>{@code Basic <base64>} and {@code Bearer <token>} credentials anywhere;
 *   <li>Cloudify 6.4+ tokens {@code ctok-<id>-<secret>} and Slack tokens ({@code xox?-…}, {@code
 *       xapp-…});
 *   <li>user info in URLs, with or without a password ({@code https://user:pass@host}, {@code
 *       https://ghp_token@host}).
 * </ul>
 *
 * <p><b>Cost.</b> Every method runs in time linear in its input: key/value pairs and URLs are found
 * by one hand-written left-to-right scan, and the remaining patterns have no nested quantifiers
 * (their repetitions are possessive). Input longer than {@link #MAX_INPUT} characters is clipped
 * first ({@link #clip}), so one call costs at most a few milliseconds whatever a chat user types.
 *
 * <p>Redaction is best effort on free text; the first line of defence is not to put secrets into
 * strings at all.
 */
public final class Redactor {

  public static final String MASK = "***";

  /**
   * The longest text redacted, in characters (64 KiB). Longer text is cut to about this length,
   * back to a space where one is near, and ends with a note saying how much was dropped.
   */
  public static final int MAX_INPUT = 64 * 1024;

  /** Substrings that make a key secret (matched on the lower-cased key). */
  private static final String[] SECRET_WORDS = {
    "password", "passwd", "pwd", "passphrase", "secret", "token", "api_key", "api-key", "apikey",
    "authorization", "credential", "signature", "private_key", "private-key", "privatekey"
  };

  /** Keys that are secret only as a whole (short words that occur inside harmless keys). */
  private static final String[] SECRET_KEYS = {"sig"};

  /** Words that make the following word part of the same credential ({@code Basic x}). */
  private static final String[] AUTH_SCHEMES = {"basic", "bearer", "digest", "token", "negotiate"};

  /** How far back from the cut {@link #clip} looks for a space to cut at. */
  private static final int CLIP_BACKTRACK = 256;

  private static final Pattern CLOUDIFY_TOKEN =
      Pattern.compile("\\bctok-[A-Za-z0-9]++-[A-Za-z0-9]++");

  private static final Pattern SLACK_TOKEN =
      Pattern.compile("\\bx(?:ox[abposr]|app)-[A-Za-z0-9-]{6,}+");

  private Redactor() {}

  /** Returns {@code text} clipped to {@link #MAX_INPUT} with secrets masked; null stays null. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String s = scan(clip(text), false);
    if (s.contains("ctok-")) {
      s = CLOUDIFY_TOKEN.matcher(s).replaceAll("ctok-" + MASK);
    }
    if (s.contains("xox") || s.contains("xapp-")) {
      s = SLACK_TOKEN.matcher(s).replaceAll(MASK);
    }
    return s;
  }

  /**
   * What people see (chat, the audit log, {@code ops show}): {@link #redact} and, in addition,
   * every URL reduced to {@code scheme://host[:port]/path}, without user info, query or fragment
   * (a pre-signed upload URL's query is its credential). Null stays null.
   */
  public static String forDisplay(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    return redact(scan(clip(text), true));
  }

  /**
   * {@code text} when it has at most {@link #MAX_INPUT} characters; otherwise its first ~64 KiB (cut
   * at a space when one is within 256 characters of the limit, so a secret is not cut in two) plus
   * {@code "… [N characters clipped]"}.
   */
  public static String clip(String text) {
    if (text == null || text.length() <= MAX_INPUT) {
      return text;
    }
    int cut = MAX_INPUT;
    for (int i = MAX_INPUT - 1; i >= MAX_INPUT - CLIP_BACKTRACK; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        cut = i;
        break;
      }
    }
    if (Character.isLowSurrogate(text.charAt(cut))) {
      cut--;
    }
    return text.substring(0, cut) + "… [" + (text.length() - cut) + " characters clipped]";
  }

  /** True when a map key or header name looks like it holds a secret. */
  public static boolean isSecretKey(String key) {
    return key != null && isSecretKey(key, 0, key.length());
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

  // ------------------------------------------------------------------------------ the scanner

  /**
   * One left-to-right pass. Each character is looked at a bounded number of times: a word (run of
   * key characters) is read once; after it the scan either jumps past the value it masks or goes
   * on right after the word.
   *
   * @param urlsOnly true: only shorten URLs to scheme://host/path (for {@link #forDisplay}); false:
   *     mask user info, key/value secrets and Basic/Bearer credentials
   */
  private static String scan(String s, boolean urlsOnly) {
    int n = s.length();
    StringBuilder out = null; // created on the first change
    int copied = 0; // s[0, copied) is in out (or unchanged)
    int i = 0;
    while (i < n) {
      if (!isKeyChar(s.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && isKeyChar(s.charAt(i))) {
        i++;
      }
      int end = i; // the word is s[start, end)
      if (s.startsWith("://", end)) {
        int authority = end + 3;
        int j = authority;
        int at = -1;
        while (j < n && !endsAuthority(s.charAt(j))) {
          if (s.charAt(j) == '@') {
            at = j;
          }
          j++;
        }
        if (urlsOnly) {
          int pathEnd = j;
          while (pathEnd < n && !endsUrl(s.charAt(pathEnd)) && s.charAt(pathEnd) != '?'
              && s.charAt(pathEnd) != '#') {
            pathEnd++;
          }
          int urlEnd = pathEnd;
          while (urlEnd < n && !endsUrl(s.charAt(urlEnd))) {
            urlEnd++;
          }
          if (at >= 0 || urlEnd > pathEnd) {
            out = append(out, s, copied, authority);
            out.append(s, at >= 0 ? at + 1 : authority, pathEnd);
            copied = urlEnd;
          }
          i = urlEnd;
          continue;
        }
        if (at > authority) {
          out = append(out, s, copied, authority).append(MASK);
          copied = at;
          i = at;
          continue;
        }
        i = authority;
        continue;
      }
      if (urlsOnly) {
        continue;
      }
      int sep = separatorAfter(s, end);
      if (sep >= 0 && isSecretKey(s, start, end)) {
        int[] v = value(s, start, sep);
        if (v[1] > v[0]) {
          out = append(out, s, copied, v[0]).append(MASK);
          copied = v[1];
          i = v[1];
        }
        continue;
      }
      if (isAuthScheme(s, start, end, 2)) {
        int c = skipWhitespace(s, end);
        int credEnd = c;
        boolean nonLetter = false;
        while (credEnd < n && isCredentialChar(s.charAt(credEnd))) {
          nonLetter |= !isAsciiLetter(s.charAt(credEnd));
          credEnd++;
        }
        if (c > end && credEnd - c >= 6 && nonLetter && !isKeyValue(s, c, credEnd)) {
          out = append(out, s, copied, c).append(MASK);
          copied = credEnd;
          i = credEnd;
        }
      }
    }
    if (out == null) {
      return s;
    }
    return out.append(s, copied, n).toString();
  }

  private static StringBuilder append(StringBuilder out, String s, int from, int to) {
    StringBuilder b = out != null ? out : new StringBuilder(s.length());
    return b.append(s, from, to);
  }

  /**
   * The index of the {@code :} or {@code =} that makes {@code s[.., end)} a key, or -1: an optional
   * closing quote (also {@code \"}), optional spaces or tabs, then the separator (not {@code ://}).
   */
  private static int separatorAfter(String s, int end) {
    int n = s.length();
    int j = end;
    if (j < n && (s.charAt(j) == '"' || s.charAt(j) == '\'')) {
      j++;
    } else if (j + 1 < n && s.charAt(j) == '\\' && s.charAt(j + 1) == '"') {
      j += 2;
    }
    while (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
      j++;
    }
    if (j < n && (s.charAt(j) == ':' || s.charAt(j) == '=')) {
      return j;
    }
    return -1;
  }

  /**
   * The range {@code [from, to)} of the value after the separator at {@code sep}, to be masked:
   * inside its quotes when quoted, else as the class Javadoc says. Never crosses a line end.
   */
  private static int[] value(String s, int keyStart, int sep) {
    int n = s.length();
    int v = sep + 1;
    while (v < n && (s.charAt(v) == ' ' || s.charAt(v) == '\t')) {
      v++;
    }
    if (v >= n) {
      return new int[] {v, v};
    }
    char c = s.charAt(v);
    if (c == '"' || c == '\'' || c == '`') {
      return new int[] {v + 1, closingQuote(s, v + 1, c, 0)};
    }
    if (c == '\\') {
      int slashes = 0;
      while (v + slashes < n && s.charAt(v + slashes) == '\\' && slashes < 8) {
        slashes++;
      }
      if (v + slashes < n && s.charAt(v + slashes) == '"') { // JSON inside a JSON string: \"…\"
        int from = v + slashes + 1;
        return new int[] {from, closingQuote(s, from, '"', slashes)};
      }
      return new int[] {v, v}; // a backslash run not followed by a quote: not a value we understand
    }
    if (s.charAt(sep) == ':' && atLineStart(s, keyStart)) {
      int e = v;
      while (e < n && s.charAt(e) != '\n' && s.charAt(e) != '\r') {
        e++;
      }
      while (e > v && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) {
        e--;
      }
      return new int[] {v, e};
    }
    int e = wordEnd(s, v);
    if (e < n && e > v && (s.charAt(e - 1) == '=' || s.charAt(e - 1) == ':')
        && (s.charAt(e) == '"' || s.charAt(e) == '\'' || s.charAt(e) == '`')) {
      int close = closingQuote(s, e + 1, s.charAt(e), 0); // a value that is itself k='…': mask it all
      return new int[] {v, close < n && s.charAt(close) == s.charAt(e) ? close + 1 : close};
    }
    if (isAuthScheme(s, v, e, 5)) {
      int next = v < e ? skipSpaces(s, e) : e;
      if (next > e && next < n && !endsWord(s.charAt(next))) {
        e = wordEnd(s, next);
      }
    }
    return new int[] {v, e};
  }

  /**
   * True when {@code s[from, to)} (after {@code Basic}/{@code Bearer}) is a {@code key=value} pair
   * rather than a base64 credential: an {@code =} inside it, not only as trailing padding, or
   * padding followed by a quote. The scan then reads it as a key instead.
   */
  private static boolean isKeyValue(String s, int from, int to) {
    int eq = from;
    while (eq < to && s.charAt(eq) != '=') {
      eq++;
    }
    if (eq == to) {
      return false;
    }
    int j = eq;
    while (j < to && s.charAt(j) == '=') {
      j++;
    }
    return j < to || j < s.length() && (s.charAt(j) == '"' || s.charAt(j) == '\'' || s.charAt(j) == '`');
  }

  /**
   * Where a quoted value starting at {@code from} ends: the next {@code quote} preceded by exactly
   * the opening's backslashes (for {@code "}: an even number, for {@code \"}: 1 modulo 4, as JSON
   * escaped once more writes an inner quote as {@code \\\"}), or the line end when it never closes.
   */
  private static int closingQuote(String s, int from, char quote, int slashes) {
    int n = s.length();
    int run = 0; // backslashes right before j
    for (int j = from; j < n; j++) {
      char ch = s.charAt(j);
      if (ch == '\n' || ch == '\r') {
        return j;
      }
      if (ch == quote) {
        boolean closes;
        if (quote != '"') {
          closes = true; // YAML single quotes and backticks have no backslash escapes
        } else if (slashes == 0) {
          closes = run % 2 == 0;
        } else {
          closes = slashes == 1 ? run % 4 == 1 : run == slashes;
        }
        if (closes) {
          return j - slashes;
        }
      }
      run = ch == '\\' ? run + 1 : 0;
    }
    return n;
  }

  /** True when only indentation, list dashes or an opening quote precede {@code at} on its line. */
  private static boolean atLineStart(String s, int at) {
    int j = at - 1;
    if (j >= 0 && (s.charAt(j) == '"' || s.charAt(j) == '\'')) {
      j--;
      if (j >= 0 && s.charAt(j) == '\\') {
        j--;
      }
    }
    while (j >= 0 && (s.charAt(j) == ' ' || s.charAt(j) == '\t' || s.charAt(j) == '-')) {
      j--;
    }
    return j < 0 || s.charAt(j) == '\n' || s.charAt(j) == '\r';
  }

  private static int wordEnd(String s, int from) {
    int e = from;
    while (e < s.length() && !endsWord(s.charAt(e))) {
      e++;
    }
    return e;
  }

  private static int skipSpaces(String s, int from) {
    int j = from;
    while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
      j++;
    }
    return j;
  }

  private static int skipWhitespace(String s, int from) {
    int j = from;
    while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
      j++;
    }
    return j;
  }

  /** True when {@code s[start, end)} is one of the auth scheme words (the first {@code count}). */
  private static boolean isAuthScheme(String s, int start, int end, int count) {
    int len = end - start;
    for (int k = 0; k < count; k++) {
      String w = AUTH_SCHEMES[k];
      if (w.length() == len && s.regionMatches(true, start, w, 0, len)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSecretKey(String s, int start, int end) {
    String key = s.substring(start, end).toLowerCase(Locale.ROOT);
    for (String w : SECRET_KEYS) {
      if (key.equals(w)) {
        return true;
      }
    }
    for (String w : SECRET_WORDS) {
      if (key.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** Characters of a key (and of a URL scheme): ASCII letters, digits, {@code _ . -}. */
  private static boolean isKeyChar(char c) {
    return c < 128 && (isAsciiLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-');
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean isCredentialChar(char c) {
    return isKeyChar(c) || c == '+' || c == '/' || c == '=';
  }

  /** An unquoted value ends at white space or a delimiter of JSON, query strings or headers. */
  private static boolean endsWord(char c) {
    return Character.isWhitespace(c) || c == ',' || c == ';' || c == '&' || c == '}' || c == ']'
        || c == ')' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '`';
  }

  /** The authority of a URL ends at its path, query or fragment, or where the URL ends. */
  private static boolean endsAuthority(char c) {
    return c == '/' || c == '?' || c == '#' || endsUrl(c);
  }

  /** A URL in free text ends at white space, a quote or an angle bracket. */
  private static boolean endsUrl(char c) {
    return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '`' || c == '<' || c == '>'
        || c == '\\';
  }
}
