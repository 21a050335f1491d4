package io.cfychatops.command;

/** Command-line quoting shared by the parser and the help text. */
final class Text {
  private Text() {}

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
