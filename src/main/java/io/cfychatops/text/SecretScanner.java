package io.cfychatops.text;

import static io.cfychatops.text.ScanChars.atLineStart;
import static io.cfychatops.text.ScanChars.closingQuote;
import static io.cfychatops.text.ScanChars.endsAuthority;
import static io.cfychatops.text.ScanChars.endsUrl;
import static io.cfychatops.text.ScanChars.endsWord;
import static io.cfychatops.text.ScanChars.isAsciiLetter;
import static io.cfychatops.text.ScanChars.isCredentialChar;
import static io.cfychatops.text.ScanChars.isKeyChar;
import static io.cfychatops.text.ScanChars.skipSpaces;
import static io.cfychatops.text.ScanChars.skipWhitespace;
import static io.cfychatops.text.ScanChars.wordEnd;

import java.util.Locale;

/**
 * The key/value and URL part of {@link Redactor}: one hand-written left-to-right scan, linear in
 * its input. Masks values of secret-looking keys (JSON, escaped JSON, YAML and YAML block scalars,
 * headers, query strings, URL-encoded {@code key%3Dvalue}), values of secret command-line flags
 * ({@code --password x}, {@code --token "x y"}), {@code Basic}/{@code Bearer} credentials and URL
 * user info; or, for display, shortens URLs to {@code scheme://host/path}.
 */
final class SecretScanner {
  private static final String MASK = Redactor.MASK;

  /** Substrings that make a key secret (matched on the lower-cased key). */
  private static final String[] SECRET_WORDS = {
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "secret",
    "token",
    "api_key",
    "api-key",
    "apikey",
    "authorization",
    "credential",
    "signature",
    "private_key",
    "private-key",
    "privatekey"
  };

  /** Keys that are secret only as a whole (short words that occur inside harmless keys). */
  private static final String[] SECRET_KEYS = {"sig"};

  /** Words that make the following word part of the same credential ({@code Basic x}). */
  private static final String[] AUTH_SCHEMES = {"basic", "bearer", "digest", "token", "negotiate"};

  private SecretScanner() {}

  /**
   * One left-to-right pass. Each character is looked at a bounded number of times: a word (run of
   * key characters) is read once; after it the scan either jumps past the value it masks or goes on
   * right after the word.
   *
   * @param urlsOnly true: only shorten URLs to scheme://host/path (for {@link
   *     Redactor#forDisplay}); false: mask user info, key/value secrets and Basic/Bearer
   *     credentials
   */
  static String scan(String s, boolean urlsOnly) {
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
          while (pathEnd < n
              && !endsUrl(s.charAt(pathEnd))
              && s.charAt(pathEnd) != '?'
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
      if (sep >= 0 && isSecretKey(s, afterEncodedChar(s, start, end), end)) {
        int[] v = value(s, start, sep);
        if (v[1] > v[0]) {
          out = append(out, s, copied, v[0]).append(MASK);
          copied = v[1];
          i = v[1];
        }
        continue;
      }
      if (end - start > 2 && s.startsWith("--", start) && isSecretKey(s, start, end)) {
        int[] v = flagValue(s, end);
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
        // A word starting with "--" is a command-line flag (`Bearer --password x`), not the
        // credential: left to the flag rule, which masks its value.
        if (c > end
            && credEnd - c >= 6
            && nonLetter
            && !isKeyValue(s, c, credEnd)
            && !s.startsWith("--", c)) {
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
    if (isEncodedSeparator(s, j)) {
      return j;
    }
    return -1;
  }

  /**
   * Where a key really starts: after the two hex digits of a {@code %XX} escape the word begins
   * with ({@code %26sig} is the key {@code sig}).
   */
  private static int afterEncodedChar(String s, int start, int end) {
    if (start > 0
        && s.charAt(start - 1) == '%'
        && end - start > 2
        && Character.digit(s.charAt(start), 16) >= 0
        && Character.digit(s.charAt(start + 1), 16) >= 0) {
      return start + 2;
    }
    return start;
  }

  /** True at {@code %3D} or {@code %3A} (either case): {@code =} or {@code :} URL-encoded. */
  private static boolean isEncodedSeparator(String s, int j) {
    if (j + 2 >= s.length() || s.charAt(j) != '%' || s.charAt(j + 1) != '3') {
      return false;
    }
    char c = Character.toUpperCase(s.charAt(j + 2));
    return c == 'D' || c == 'A';
  }

  /**
   * The value after a secret flag ending at {@code end} ({@code --password x}): the next word, or
   * the inside of its quotes; nothing when the next word is another flag or on another line.
   */
  private static int[] flagValue(String s, int end) {
    int c = skipSpaces(s, end);
    if (c == end
        || c >= s.length()
        || s.charAt(c) == '-'
        || s.charAt(c) == '\n'
        || s.charAt(c) == '\r') {
      return new int[] {c, c};
    }
    char q = s.charAt(c);
    if (q == '"' || q == '\'' || q == '`') {
      return new int[] {c + 1, closingQuote(s, c + 1, q, 0)};
    }
    return new int[] {c, wordEnd(s, c)};
  }

  /**
   * A YAML block scalar ({@code key: |} or {@code >}, with chomping or indentation indicators): the
   * range from the first content character of the lines after {@code lineEnd} to the end of the
   * last line indented deeper than the key (blank lines inside included).
   */
  private static int[] blockScalar(String s, int keyStart, int lineEnd) {
    int n = s.length();
    int indent = 0;
    for (int j = keyStart - 1; j >= 0 && s.charAt(j) != '\n' && s.charAt(j) != '\r'; j--) {
      indent++; // atLineStart held: only indentation, dashes and a quote before the key
    }
    int from = -1;
    int to = -1;
    int pos = lineEnd;
    while (pos < n && (s.charAt(pos) == '\r' || s.charAt(pos) == '\n')) {
      int line =
          s.charAt(pos) == '\r' && pos + 1 < n && s.charAt(pos + 1) == '\n' ? pos + 2 : pos + 1;
      int text = skipSpaces(s, line);
      int eol = text;
      while (eol < n && s.charAt(eol) != '\n' && s.charAt(eol) != '\r') {
        eol++;
      }
      if (eol > text) { // not blank
        if (text - line <= indent) {
          break;
        }
        from = from < 0 ? text : from;
        to = eol;
      }
      pos = eol;
    }
    return from < 0 ? new int[] {lineEnd, lineEnd} : new int[] {from, to};
  }

  /** True for a YAML block indicator: {@code |} or {@code >}, then at most two of {@code -+1-9}. */
  private static boolean isBlockIndicator(String s, int from, int to) {
    if (to - from < 1 || to - from > 3 || s.charAt(from) != '|' && s.charAt(from) != '>') {
      return false;
    }
    for (int j = from + 1; j < to; j++) {
      char c = s.charAt(j);
      if (c != '-' && c != '+' && (c < '1' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  /**
   * The range {@code [from, to)} of the value after the separator at {@code sep}, to be masked:
   * inside its quotes when quoted, else as the class Javadoc says. Never crosses a line end.
   */
  private static int[] value(String s, int keyStart, int sep) {
    int n = s.length();
    boolean encoded = s.charAt(sep) == '%';
    int v = sep + (encoded ? 3 : 1);
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
      return isBlockIndicator(s, v, e) ? blockScalar(s, keyStart, e) : new int[] {v, e};
    }
    int e = wordEnd(s, v);
    if (encoded) { // key%3Dvalue%26next%3D…: the value ends at the encoded &
      for (int j = v; j + 2 < e; j++) {
        if (s.charAt(j) == '%' && s.charAt(j + 1) == '2' && s.charAt(j + 2) == '6') {
          return new int[] {v, j};
        }
      }
      return new int[] {v, e};
    }
    if (e < n
        && e > v
        && (s.charAt(e - 1) == '=' || s.charAt(e - 1) == ':')
        && (s.charAt(e) == '"' || s.charAt(e) == '\'' || s.charAt(e) == '`')) {
      int close =
          closingQuote(s, e + 1, s.charAt(e), 0); // a value that is itself k='…': mask it all
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
    return j < to
        || j < s.length() && (s.charAt(j) == '"' || s.charAt(j) == '\'' || s.charAt(j) == '`');
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

  static boolean isSecretKey(String s, int start, int end) {
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
}
