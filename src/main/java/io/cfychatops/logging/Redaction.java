package io.cfychatops.logging;

import io.cfychatops.cloudify.Redactor;
import java.util.regex.Pattern;

/**
 * Masks secrets in free text for log lines: everything {@link Redactor} masks (secret-looking keys,
 * Basic/Bearer credentials, {@code ctok-} tokens, URL user info) plus Slack tokens. The last line of
 * defence: code should not log secrets in the first place.
 */
public final class Redaction {
  private static final Pattern SLACK = Pattern.compile("\\bx(?:ox[abposr]|app)-[A-Za-z0-9-]{6,}");

  private Redaction() {}

  public static String redact(String s) {
    if (s == null || s.isEmpty()) {
      return s;
    }
    return SLACK.matcher(Redactor.redact(s)).replaceAll(Redactor.MASK);
  }
}
