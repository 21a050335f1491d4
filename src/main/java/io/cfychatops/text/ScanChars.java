package io.cfychatops.text;

/** Character classes and bounded forward/backward steps shared by {@link SecretScanner}. */
final class ScanChars {
  private ScanChars() {}

  /**
   * Where a quoted value starting at {@code from} ends: the next {@code quote} preceded by exactly
   * the opening's backslashes (for {@code "}: an even number, for {@code \"}: 1 modulo 4, as JSON
   * escaped once more writes an inner quote as {@code \\\"}), or the line end when it never closes.
   */
  static int closingQuote(String s, int from, char quote, int slashes) {
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
  static boolean atLineStart(String s, int at) {
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

  static int wordEnd(String s, int from) {
    int e = from;
    while (e < s.length() && !endsWord(s.charAt(e))) {
      e++;
    }
    return e;
  }

  static int skipSpaces(String s, int from) {
    int j = from;
    while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
      j++;
    }
    return j;
  }

  static int skipWhitespace(String s, int from) {
    int j = from;
    while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
      j++;
    }
    return j;
  }

  /** Characters of a key (and of a URL scheme): ASCII letters, digits, {@code _ . -}. */
  static boolean isKeyChar(char c) {
    return c < 128
        && (isAsciiLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-');
  }

  static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  static boolean isCredentialChar(char c) {
    return isKeyChar(c) || c == '+' || c == '/' || c == '=';
  }

  /** An unquoted value ends at white space or a delimiter of JSON, query strings or headers. */
  static boolean endsWord(char c) {
    return Character.isWhitespace(c)
        || c == ','
        || c == ';'
        || c == '&'
        || c == '}'
        || c == ']'
        || c == ')'
        || c == '"'
        || c == '\''
        || c == '<'
        || c == '>'
        || c == '\\'
        || c == '`';
  }

  /** The authority of a URL ends at its path, query or fragment, or where the URL ends. */
  static boolean endsAuthority(char c) {
    return c == '/' || c == '?' || c == '#' || endsUrl(c);
  }

  /** A URL in free text ends at white space, a quote or an angle bracket. */
  static boolean endsUrl(char c) {
    return Character.isWhitespace(c)
        || c == '"'
        || c == '\''
        || c == '`'
        || c == '<'
        || c == '>'
        || c == '\\';
  }
}
