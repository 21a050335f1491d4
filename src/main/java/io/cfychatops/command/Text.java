package io.cfychatops.command;

/** Small text helpers shared by the parser and the help text. */
final class Text {
  /** Longest piece of user input echoed back in a message. */
  static final int MAX_ECHO = 60;

  private Text() {}

  /**
   * {@code s} as inline code for a chat message: shortened to {@link #MAX_ECHO} characters,
   * backticks and control characters replaced so the message markup cannot break.
   */
  static String quote(String s) {
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
      b.append('…');
    }
    return "`" + b + "`";
  }

  /**
   * {@code value} as one token of a command line the {@link Tokenizer} reads back unchanged: bare
   * when it is a plain word, otherwise in double quotes with {@code "}, smart double quotes and
   * {@code \} escaped.
   */
  static String shellWord(String value) {
    if (!value.isEmpty() && value.chars().allMatch(Text::isBareChar) && !value.startsWith("<")) {
      return value;
    }
    // Slack's escapes are undone in every word, so a literal "&amp;" must itself be escaped.
    boolean escapeAmp = value.contains("&amp;") || value.contains("&lt;") || value.contains("&gt;");
    StringBuilder b = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '&' && escapeAmp) {
        b.append("&amp;");
        continue;
      }
      if (c == '"' || c == '\\' || isQuoteLike(c)) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }

  private static boolean isQuoteLike(char c) {
    return "\u201C\u201D\u201E\u00AB\u00BB".indexOf(c) >= 0;
  }

  private static boolean isBareChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "-._/:#@+,=%~".indexOf(c) >= 0;
  }
}
