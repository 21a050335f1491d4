package io.cfychatops.slack;

import io.cfychatops.text.Truncate;

/** Escaping and length-safe truncation of plain model strings for Slack text objects. */
final class SlackText {
  static final String ELLIPSIS = Truncate.ELLIPSIS;

  /** Stands in for a backtick inside inline code: Slack mrkdwn has no way to escape one. */
  static final char BACKTICK_STANDIN = 'ˋ'; // U+02CB MODIFIER LETTER GRAVE ACCENT

  private SlackText() {}

  /**
   * Escapes Slack's control characters: {@code &} first, then {@code <} and {@code >}. Model
   * strings are plain text by contract, so this is applied to every one of them exactly once.
   */
  static String escape(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Inline code: backticks replaced so the value cannot close the span, then escaped. */
  static String code(String s) {
    String v = s == null || s.isEmpty() ? "-" : s.replace('`', BACKTICK_STANDIN);
    return "`" + escape(v) + "`";
  }

  /**
   * Cuts already-escaped {@code s} to at most {@code max} chars, ending with "…" when cut. Never
   * splits an entity ({@code &amp;}); the cut itself (surrogate pairs kept whole) is {@link
   * Truncate#clip}.
   */
  static String truncate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    if (max <= 0) {
      return "";
    }
    int end = max - ELLIPSIS.length();
    int amp = s.lastIndexOf('&', end - 1);
    if (amp >= 0 && amp >= end - 4 && s.indexOf(';', amp) >= end) {
      end = amp; // the cut would split "&amp;", "&lt;" or "&gt;"
    }
    return Truncate.clip(s, end + ELLIPSIS.length());
  }

  /** Escapes then truncates; for plain_text objects and single mrkdwn values. */
  static String escapeMax(String s, int max) {
    return truncate(escape(s), max);
  }
}
