package io.cfychatops.command;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a {@code /cfy} line into words like a shell, after undoing what Slack does to typed text.
 *
 * <ul>
 *   <li>Whitespace separates words; non-breaking and other Unicode spaces and control characters
 *       count as whitespace; zero-width characters are dropped.
 *   <li>{@code "double"} and {@code 'single'} quotes group words; Slack's smart quotes ({@code “ ”
 *       „ ‘ ’}) count as the plain ones. A backslash escapes a quote, a backslash or a space. A
 *       single quote between two letters is an apostrophe ({@code don’t}), not a quote.
 *   <li>Unquoted words starting with an en or em dash get plain dashes back: {@code —x} and {@code
 *       –force} become {@code --x} and {@code --force}, a lone dash before one letter ({@code –f})
 *       becomes {@code -f}.
 *   <li>Unquoted Slack links {@code <https://host/a.zip|label>} become their URL; channel links
 *       ({@code <#C123|name>}) are kept for {@code --incident}.
 *   <li>The HTML escapes Slack applies ({@code &amp;amp; &amp;lt; &amp;gt;}) are undone in every
 *       word.
 * </ul>
 */
final class Tokenizer {

  /** A word of the line; {@code quoted} if any part of it was in quotes. */
  record Token(String text, boolean quoted) {}

  /** Either the words or, for an unclosed quote, an error message. */
  record Result(List<Token> tokens, String error) {}

  private static final Pattern URL_LINK =
      Pattern.compile("<((?:https?|ftp)://[^|>]*)(?:\\|[^>]*)?>");

  private Tokenizer() {}

  static Result tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean started = false;
    boolean quoted = false;
    int quote = 0; // 0: none, '"': double, '\'': single
    int quoteStart = -1;
    int[] cps = text.codePoints().map(Tokenizer::normaliseSpace).filter(c -> c != -1).toArray();
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      int next = i + 1 < cps.length ? cps[i + 1] : -1;
      if (quote == 0) {
        if (c == ' ') {
          if (started) {
            tokens.add(finish(cur.toString(), quoted));
            cur.setLength(0);
            started = false;
            quoted = false;
          }
        } else if (c == '\\'
            && (next == ' ' || next == '\\' || isDoubleQuote(next) || isSingleQuote(next))) {
          cur.appendCodePoint(next);
          started = true;
          i++;
        } else if (isDoubleQuote(c)) {
          quote = '"';
          quoteStart = i;
          started = true;
          quoted = true;
        } else if (isSingleQuote(c) && !isApostrophe(cps, i)) {
          quote = '\'';
          quoteStart = i;
          started = true;
          quoted = true;
        } else {
          cur.appendCodePoint(c);
          started = true;
        }
      } else if (quote == '"') {
        if (c == '\\' && (next == '\\' || isDoubleQuote(next) || isSingleQuote(next))) {
          cur.appendCodePoint(next);
          i++;
        } else if (isDoubleQuote(c)) {
          quote = 0;
        } else {
          cur.appendCodePoint(c);
        }
      } else {
        if (isSingleQuote(c) && !isApostrophe(cps, i)) {
          quote = 0;
        } else {
          cur.appendCodePoint(c);
        }
      }
    }
    if (quote != 0) {
      String kind = quote == '"' ? "double quote (\")" : "single quote (')";
      return new Result(
          List.of(),
          "There's an unclosed "
              + kind
              + " at character "
              + (quoteStart + 1)
              + ". Close it, or put a backslash before it if you meant it literally.");
    }
    if (started) {
      tokens.add(finish(cur.toString(), quoted));
    }
    return new Result(tokens, null);
  }

  private static Token finish(String raw, boolean quoted) {
    String s = raw;
    if (!quoted) {
      if (s.length() > 2 && s.startsWith("`") && s.endsWith("`")) {
        s = s.substring(1, s.length() - 1); // copied from inline code on a card
      }
      s = normaliseDashes(s);
      Matcher m = URL_LINK.matcher(s);
      if (m.matches()) {
        s = m.group(1);
      }
    }
    return new Token(unescapeHtml(s), quoted);
  }

  /** Maps Unicode spaces and control characters to a space; -1 for characters to drop. */
  private static int normaliseSpace(int c) {
    if (c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF') {
      return -1;
    }
    if (c == '\u00A0'
        || c == '\u2007'
        || c == '\u202F'
        || Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || Character.isISOControl(c)) {
      return ' ';
    }
    return c;
  }

  private static boolean isDoubleQuote(int c) {
    return c == '"'
        || c == '\u201C'
        || c == '\u201D'
        || c == '\u201E'
        || c == '\u00AB'
        || c == '\u00BB';
  }

  private static boolean isSingleQuote(int c) {
    return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A';
  }

  private static boolean isApostrophe(int[] cps, int i) {
    return i > 0
        && i + 1 < cps.length
        && Character.isLetter(cps[i - 1])
        && Character.isLetter(cps[i + 1]);
  }

  private static boolean isDash(int c) {
    return c == '-' || c == '\u2013' || c == '\u2014' || c == '\u2212';
  }

  /** Restores the dashes of an option that Slack turned into an en or em dash. */
  static String normaliseDashes(String s) {
    if (s.isEmpty() || s.charAt(0) == '-' && (s.length() == 1 || !isDash(s.charAt(1)))) {
      return s;
    }
    if (!isDash(s.charAt(0))) {
      return s;
    }
    int run = 0;
    while (run < s.length() && isDash(s.charAt(run))) {
      run++;
    }
    String rest = s.substring(run);
    if (s.substring(0, run).chars().allMatch(c -> c == '-')) {
      return s; // plain dashes only
    }
    if (rest.isEmpty()) {
      return "--";
    }
    if (run >= 2) {
      return "--" + rest;
    }
    int eq = rest.indexOf('=');
    String word = eq < 0 ? rest : rest.substring(0, eq);
    boolean digits = !word.isEmpty() && word.chars().allMatch(Character::isDigit);
    if (digits) {
      return "-" + rest; // a negative number
    }
    return word.codePointCount(0, word.length()) >= 2 ? "--" + rest : "-" + rest;
  }

  /** Undoes Slack's escaping of {@code &}, {@code <} and {@code >}, in one pass. */
  static String unescapeHtml(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      if (s.startsWith("&amp;", i)) {
        b.append('&');
        i += 5;
      } else if (s.startsWith("&lt;", i)) {
        b.append('<');
        i += 4;
      } else if (s.startsWith("&gt;", i)) {
        b.append('>');
        i += 4;
      } else {
        b.append(s.charAt(i++));
      }
    }
    return b.toString();
  }
}
