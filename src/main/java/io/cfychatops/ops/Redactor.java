package io.cfychatops.ops;

import java.util.regex.Pattern;

/**
 * Scrubs secrets from text that came from a manager (execution errors, tracebacks) before it goes
 * to chat or logs. Execution parameters never enter ops at all; this is the second line.
 */
public final class Redactor {
  private static final Pattern KEY_VALUE = Pattern.compile(
      "(?i)([\"']?[a-z_]*(?:password|passwd|secret|token|api_key)[a-z_]*[\"']?\\s*[:=]\\s*)"
          + "(\"[^\"]*\"|'[^']*'|[^\\s,}\\]]+)");
  private static final Pattern CTOK = Pattern.compile("ctok-([A-Za-z0-9]+)-[A-Za-z0-9]+");

  private Redactor() {}

  public static String redact(String s) {
    if (s == null || s.isEmpty()) {
      return s;
    }
    String out = KEY_VALUE.matcher(s).replaceAll("$1\"***\"");
    return CTOK.matcher(out).replaceAll("ctok-$1-***");
  }
}
